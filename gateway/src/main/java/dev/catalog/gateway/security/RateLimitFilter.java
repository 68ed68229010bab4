package dev.catalog.gateway.security;

import dev.catalog.gateway.error.ErrorBodies;
import dev.catalog.gateway.error.ErrorCode;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After} (seconds) and a {@code RATE_LIMITED} GraphQL error once a client has
 * sent {@code perMinute} requests within the current minute, unless it is an administrator's
 * ({@link Callers#isAdministrator}: an import or an export sends many requests on purpose). Every request counts,
 * whatever its path, but CORS
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

    /** Enough for a large burst of distinct clients; beyond it the least recently seen are forgotten. */
    static final int MAX_CLIENTS = 100_000;

    /** Path prefixes that are not limited: they cost next to nothing and run no operation. */
    static final List<String> UNLIMITED = List.of("/actuator/", "/graphiql", "/_static/");

    private final int perMinute;
    private final ClientAddressResolver clients;
    private final ClientBuckets buckets;
    private final CorsConfigurationSource cors;
    private final CorsProcessor corsProcessor = new DefaultCorsProcessor();
    private final Predicate<HttpServletRequest> administrators;

    RateLimitFilter(int perMinute, ClientAddressResolver clients, CorsConfigurationSource cors,
                    Predicate<HttpServletRequest> administrators) {
        this.perMinute = perMinute;
        this.administrators = administrators;
        this.clients = clients;
        this.cors = cors;
        this.buckets = new ClientBuckets(perMinute, MAX_CLIENTS, System::nanoTime);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RoutedPath.of(request);
        return CorsUtils.isPreFlightRequest(request) || UNLIMITED.stream().anyMatch(path::startsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe = buckets.tryConsume(clients.clientKey(request));
        // An administrator (an import, an export) is not held back; asked only once the client's minute is used up.
        if (probe.isConsumed() || administrators.test(request)) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        allowAnAllowedOriginToRead(request, response);
        ErrorBodies.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), ErrorCode.RATE_LIMITED.name(),
                "Too many requests: at most " + perMinute + " a minute per client. Retry after " + retryAfter + " s.");
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
