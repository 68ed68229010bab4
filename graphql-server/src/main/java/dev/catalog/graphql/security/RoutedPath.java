package dev.catalog.graphql.security;

import jakarta.servlet.http.HttpServletRequest;

/** The path a request is routed by: decoded and normalized by the servlet container, without the context path. */
public final class RoutedPath {

    private RoutedPath() {
    }

    public static String of(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
