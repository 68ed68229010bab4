package dev.catalog.graphql.http;

import dev.catalog.graphql.security.RoutedPath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code http.server.requests}: one timer per method, endpoint, status and outcome, for every request in canonical
 * form, refused ones included (it runs before every other guard). Spring's observation of each request cost more CPU than a read (ADR 15); a timer
 * looked up in a map and recorded costs next to nothing. {@code uri} is one of the service's endpoints, or
 * {@code other}, so a client cannot grow the number of series.
 */
public final class RequestMetrics extends OncePerRequestFilter {

    private record Key(String method, String uri, int status) {
    }

    private final MeterRegistry registry;
    private final List<String> endpoints;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    /** @param endpoints the GraphQL endpoints' paths, each its own {@code uri} */
    public RequestMetrics(MeterRegistry registry, List<String> endpoints) {
        this.registry = registry;
        this.endpoints = endpoints;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Key key = new Key(method(request.getMethod()), uri(RoutedPath.of(request)), response.getStatus());
            timers.computeIfAbsent(key, this::timer).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests, by method, endpoint, status and outcome")
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", Integer.toString(key.status()))
                .tag("outcome", outcome(key.status()))
                .register(registry);
    }

    private String uri(String path) {
        if (endpoints.contains(path)) {
            return path;
        }
        if (path.startsWith("/actuator/")) {
            return "/actuator";
        }
        return path.startsWith("/graphiql") || path.startsWith("/_static/") ? "/graphiql" : "other";
    }

    private static String method(String method) {
        return switch (method) {
            case "GET", "POST", "OPTIONS", "HEAD" -> method;
            default -> "other";
        };
    }

    private static String outcome(int status) {
        return status < 200 ? "INFORMATIONAL" : status < 300 ? "SUCCESS" : status < 400 ? "REDIRECTION"
                : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
