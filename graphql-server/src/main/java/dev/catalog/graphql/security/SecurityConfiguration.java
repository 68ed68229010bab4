package dev.catalog.graphql.security;

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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Assembles the HTTP protections, in request order: the canonical path check, the rate limit, the body size
 * limit and the simple-request guard (servlet filters, on every path); then, on the GraphQL endpoint, CORS and
 * the caller ({@link Callers}); on other paths, Spring Security's chain. Authorization happens per GraphQL field
 * ({@link RequiredScope}), since reads and writes share one URL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogSecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** First of all: every guard behind it sees a canonical path. */
    private static final int CANONICAL_PATH_ORDER = Ordered.HIGHEST_PRECEDENCE;
    /**
     * Next, so a refused client costs no body read (the body size filter of {@code dev.catalog.graphql.limits}
     * must come after it); Spring Security's chain sits at -100.
     */
    private static final int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    private static final int SIMPLE_REQUEST_ORDER = Ordered.HIGHEST_PRECEDENCE + 60;

    /** Spring Security observes nothing: an observation of every filter and check costs more than the check. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Who calls the GraphQL endpoint ({@link Callers}): bearer tokens checked by the configured verifier, or
     * protected open mode when there is none.
     */
    @Bean
    Callers callers(CatalogSecurityProperties properties, ApiScopes scopes) {
        if (!properties.jwt().configured()) {
            log.warn("OPEN MODE: neither CATALOG_JWT_SECRET nor CATALOG_JWT_ISSUER_URI is set, so clients on this "
                    + "machine may run every mutation without a token, and other clients may only read. Set one of "
                    + "them to let other clients write with a token.");
        }
        return Callers.of(properties.jwt(), scopes, new ClientAddressResolver(properties.trustedProxies()));
    }

    /**
     * Spring Security's chain for every path but the GraphQL endpoints, which authenticate their callers themselves
     * ({@link Callers}, in {@code dev.catalog.graphql.http.GraphQlEndpoint}): those paths run no operation
     * (health, GraphiQL, the printed schema), so they need CORS and the security headers only.
     */
    @Bean
    SecurityFilterChain catalogSecurity(HttpSecurity http, UrlBasedCorsConfigurationSource cors,
                                        CallerAuthenticatedPaths graphQlEndpoints) throws Exception {
        return http
                .securityMatcher(request -> !graphQlEndpoints.matches(request))
                // No cookies or sessions: a browser never attaches credentials by itself, so there is no
                // token-based CSRF to do; SimpleRequestGuard stops the form-post kind.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .cors(configurer -> configurer.configurationSource(cors))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /** Spring Security's filter chain proxy firewalls every request, on every path: with the service's firewall. */
    @Bean
    WebSecurityCustomizer firewall() {
        return web -> web.httpFirewall(Firewall.strict());
    }

    @Bean
    FilterRegistrationBean<CanonicalPathFilter> canonicalPathFilter() {
        var registration = new FilterRegistrationBean<>(new CanonicalPathFilter());
        registration.setOrder(CANONICAL_PATH_ORDER);
        return registration;
    }

    /** One budget per client for every transport: HTTP requests and WebSocket operations alike. */
    @Bean
    RateLimit rateLimit(CatalogSecurityProperties properties) {
        RateLimit limit = new RateLimit(properties.rateLimit().perMinute());
        if (!limit.enabled()) {
            log.warn("CATALOG_RATE_LIMIT_PER_MINUTE=0: requests are not rate limited.");
        }
        return limit;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimit limit, CatalogSecurityProperties properties,
                                                            UrlBasedCorsConfigurationSource cors, Callers callers) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(limit,
                new ClientAddressResolver(properties.trustedProxies()), cors, callers::isAdministrator));
        registration.setOrder(RATE_LIMIT_ORDER);
        registration.setEnabled(limit.enabled());
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
