package dev.catalog.gateway.server;

import dev.catalog.graphql.security.Callers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The measuring instrument of ADR 25, never on in production: with profile {@code spring-transport}
 * ({@code benchmark/transport/transport.sh}), Spring for GraphQL's own transport ({@code GraphQlHttpHandler} behind
 * Spring MVC's {@code RouterFunction}, as Spring Boot configures it) serves the same schema and engine at
 * {@code spring.graphql.http.path} ({@code /spring/graphql}) beside the server's at {@code /graphql}, in the same
 * process. Configured lean, as a fair comparison needs: no observations (excluded for the whole service), no
 * Spring Security filter chain on that path, and the caller authenticated once by the same {@link Callers}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("spring-transport")
class SpringTransportComparison {

    /** No security filter chain on Spring's GraphQL path: the caller is set by {@link #springTransportCaller}. */
    @Bean
    WebSecurityCustomizer springTransportOutsideTheFilterChain(@Value("${spring.graphql.http.path}") String path) {
        return web -> web.ignoring().requestMatchers(path);
    }

    /** Authenticates the caller of Spring's path as the server's endpoint does, for the controllers' scope checks. */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> springTransportCaller(Callers callers,
                                                                       @Value("${spring.graphql.http.path}") String path) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication caller = callers.authenticate(request, response);
                if (caller == null) {
                    return;
                }
                SecurityContextHolder.setContext(new SecurityContextImpl(caller));
                try {
                    chain.doFilter(request, response);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }
        });
        registration.addUrlPatterns(path);
        return registration;
    }
}
