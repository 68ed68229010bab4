package dev.catalog.gateway.server;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On an instance without the {@code api} role: everything but the management endpoints answers 404 with a message
 * that says why, before security or any GraphQL machinery sees it (Spring for GraphQL's own route would otherwise
 * serve {@code /graphql} where the catalog's endpoint is not mapped).
 */
final class ManagementOnlyFilter extends OncePerRequestFilter {

    private static final byte[] BODY = """
            {"errors":[{"message":"This instance runs without the api role (CATALOG_ROLES): it serves the management \
            endpoints only. Send GraphQL requests to an instance with the api role.","extensions":{"code":"NOT_SERVED"}}]}"""
            .getBytes(StandardCharsets.UTF_8);

    private final String managementPath;

    ManagementOnlyFilter(String managementPath) {
        this.managementPath = managementPath.endsWith("/") ? managementPath : managementPath + "/";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(managementPath) || (path + "/").equals(managementPath)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
