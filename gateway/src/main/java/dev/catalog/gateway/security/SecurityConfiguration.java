package dev.catalog.gateway.security;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Assembles the HTTP protections, in request order: the rate limit (the first servlet filter) and the
 * simple-request guard (ahead of Spring Security), then Spring Security's chain: CORS, then bearer-token
 * authentication. Authorization happens per GraphQL field ({@link RequiresWrite}, {@link RequiresAdmin}), since
 * reads and writes share one URL; every HTTP request is let through to GraphQL.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(CatalogSecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** First of all: every guard behind it sees a canonical path. */
    private static final int CANONICAL_PATH_ORDER = Ordered.HIGHEST_PRECEDENCE;
    /**
     * Next, so a refused client costs no body read (the body size filter of {@code dev.catalog.gateway.limits}
     * must come after it); Spring Security's chain sits at -100.
     */
    private static final int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    private static final int SIMPLE_REQUEST_ORDER = Ordered.HIGHEST_PRECEDENCE + 60;

    @Bean
    SecurityFilterChain catalogSecurity(HttpSecurity http, CatalogSecurityProperties properties,
                                        UrlBasedCorsConfigurationSource cors) throws Exception {
        http
                // No cookies or sessions: a browser never attaches credentials by itself, so there is no
                // token-based CSRF to do; SimpleRequestGuard stops the form-post kind.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .cors(configurer -> configurer.configurationSource(cors))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        if (properties.jwt().configured()) {
            BearerTokenRejection rejection = new BearerTokenRejection();
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(JwtDecoderFactory.create(properties.jwt())))
                    .authenticationEntryPoint(rejection)
                    // The default failure handler rethrows "cannot verify now" failures as a bare 500.
                    .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                        @Override
                        public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                            filter.setAuthenticationFailureHandler(rejection);
                            return filter;
                        }
                    }));
        } else {
            log.warn("OPEN MODE: neither CATALOG_JWT_SECRET nor CATALOG_JWT_ISSUER_URI is set, so clients on this "
                    + "machine may run every mutation without a token, and other clients may only read. Set one of "
                    + "them to let other clients write with a token.");
            // Protected open mode keeps the same authorization path: a local anonymous caller holds every scope.
            http.addFilterAfter(new LocalClientGrant(new ClientAddressResolver(properties.trustedProxies())),
                    AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPathFilter() {
        var registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
        registration.setOrder(CANONICAL_PATH_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(CatalogSecurityProperties properties,
                                                            UrlBasedCorsConfigurationSource cors) {
        int perMinute = properties.rateLimit().perMinute();
        if (perMinute < 0) {
            throw new IllegalStateException("CATALOG_RATE_LIMIT_PER_MINUTE must be 0 (no limit) or positive.");
        }
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(perMinute,
                new ClientAddressResolver(properties.trustedProxies()), cors));
        registration.setOrder(RATE_LIMIT_ORDER);
        registration.setEnabled(perMinute > 0);
        if (perMinute == 0) {
            log.warn("CATALOG_RATE_LIMIT_PER_MINUTE=0: requests are not rate limited.");
        }
        return registration;
    }

    @Bean
    FilterRegistrationBean<SimpleRequestGuard> simpleRequestGuard() {
        var registration = new FilterRegistrationBean<>(new SimpleRequestGuard());
        registration.setOrder(SIMPLE_REQUEST_ORDER);
        return registration;
    }

    /**
     * One configuration for every path (typed as the class: Spring MVC also exposes a CorsConfigurationSource
     * bean): only the listed origins may call from a browser; a request from any
     * other origin (preflight or not) is refused 403 without CORS headers. Same-origin requests are not CORS.
     */
    @Bean
    UrlBasedCorsConfigurationSource catalogCors(CatalogSecurityProperties properties) {
        List<String> allowedOrigins = properties.cors().allowedOrigins();
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList());
        cors.setAllowedMethods(List.of(HttpMethod.POST.name(), HttpMethod.GET.name(), HttpMethod.OPTIONS.name()));
        cors.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, HttpHeaders.ACCEPT));
        cors.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
