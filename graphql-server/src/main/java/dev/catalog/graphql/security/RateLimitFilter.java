package dev.catalog.graphql.security;

import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Predicate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@link RateLimit} of HTTP requests: answers 429 with {@code Retry-After} (seconds) and a {@code RATE_LIMITED}
 * GraphQL error once a client's minute is used up, unless it is an administrator's ({@link Callers#isAdministrator}).
 * Every request counts, whatever its path, but CORS
 * preflights and the paths in {@link #UNLIMITED} (health and the other management endpoints, GraphiQL's page
 * and assets): a guard that names what it exempts cannot be passed by spelling a protected path another way.
 * Paths are compared as routed ({@link RoutedPath}). State is per instance (docs/adr/0006).
 *
 * <p>Since this filter answers before Spring Security's CORS filter, it adds the CORS headers to a 429 itself
 * when the origin is allowed: a page of that origin can then read the status and {@code Retry-After} instead
 * of seeing an opaque network error. Preflights are not counted, so a limited browser client's preflight is
 * still answered and its real request gets that readable 429.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    /** Path prefixes that are not limited: they cost next to nothing and run no operation. */
    static final List<String> UNLIMITED = List.of("/actuator/", "/graphiql", "/_static/");

    private final RateLimit limit;
    private final ClientAddressResolver clients;
    private final CorsConfigurationSource cors;
    private final CorsProcessor corsProcessor = new DefaultCorsProcessor();
    private final Predicate<HttpServletRequest> administrators;

    RateLimitFilter(RateLimit limit, ClientAddressResolver clients, CorsConfigurationSource cors,
                    Predicate<HttpServletRequest> administrators) {
        this.limit = limit;
        this.administrators = administrators;
        this.clients = clients;
        this.cors = cors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RoutedPath.of(request);
        return CorsUtils.isPreFlightRequest(request) || UNLIMITED.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        OptionalLong refused = limit.take(clients.clientKey(request), () -> administrators.test(request));
        if (refused.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = refused.getAsLong();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        allowAnAllowedOriginToRead(request, response);
        ErrorBodies.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), ErrorCode.RATE_LIMITED.name(),
                limit.refusal(retryAfter));
    }

    private void allowAnAllowedOriginToRead(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        CorsConfiguration configuration = cors.getCorsConfiguration(request);
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        // The processor would answer 403 to another origin; that one just gets the 429 without CORS headers.
        if (configuration != null && origin != null && configuration.checkOrigin(origin) != null) {
            corsProcessor.processRequest(configuration, request, response);
        }
    }
}
