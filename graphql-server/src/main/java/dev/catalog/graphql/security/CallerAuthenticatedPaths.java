package dev.catalog.graphql.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * The paths whose servlets authenticate their callers themselves with {@link Callers} (the GraphQL endpoints):
 * Spring Security's filter chain leaves them alone, every other path goes through it.
 */
public record CallerAuthenticatedPaths(Set<String> paths) {

    public CallerAuthenticatedPaths {
        paths = Set.copyOf(paths);
    }

    boolean matches(HttpServletRequest request) {
        return paths.contains(RoutedPath.of(request));
    }
}
