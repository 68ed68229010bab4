package dev.catalog.gateway.security;

import dev.catalog.gateway.error.ErrorBodies;
import dev.catalog.gateway.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer to a request whose bearer token is present but invalid (bad signature, expired, wrong issuer,
 * malformed), whatever the operation, reads included: 401 with RFC 6750's {@code WWW-Authenticate} and an
 * {@code UNAUTHENTICATED} GraphQL error. Nothing executes. A request without a token is anonymous instead.
 */
final class BearerTokenRejection implements AuthenticationEntryPoint {

    private final BearerTokenAuthenticationEntryPoint standard = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        standard.commence(request, response, exception); // status and WWW-Authenticate
        ErrorBodies.write(response, HttpStatus.UNAUTHORIZED.value(), ErrorCode.UNAUTHENTICATED.name(),
                "The bearer token is invalid or expired.");
    }
}
