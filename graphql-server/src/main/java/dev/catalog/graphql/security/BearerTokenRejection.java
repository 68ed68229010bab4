package dev.catalog.graphql.security;

import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The answer to a request whose bearer token is present but not accepted, whatever the operation, reads
 * included; nothing executes. A request without a token is anonymous instead.
 * <ul>
 *   <li>Invalid token (bad signature, expired, wrong issuer, malformed): 401 with RFC 6750's
 *       {@code WWW-Authenticate} and an {@code UNAUTHENTICATED} GraphQL error.</li>
 *   <li>Token that cannot be checked now (the issuer or its JWKS is unreachable): 503 with
 *       {@code Retry-After} and a {@code SERVICE_UNAVAILABLE} error, since the client did nothing wrong.</li>
 * </ul>
 */
final class BearerTokenRejection implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenRejection.class);
    static final int RETRY_AFTER_SECONDS = 5;

    private final BearerTokenAuthenticationEntryPoint standard = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        standard.commence(request, response, exception); // status and WWW-Authenticate
        ErrorBodies.write(response, HttpStatus.UNAUTHORIZED.value(), ErrorCode.UNAUTHENTICATED.name(),
                "The bearer token is invalid or expired.");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        if (!(exception instanceof AuthenticationServiceException)) {
            commence(request, response, exception);
            return;
        }
        // One line per refused request, no stack trace: an issuer outage would otherwise flood the log.
        log.warn("A bearer token could not be verified, answered 503: {}",
                NestedExceptionUtils.getMostSpecificCause(exception).getMessage());
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
        ErrorBodies.write(response, HttpStatus.SERVICE_UNAVAILABLE.value(), ErrorCode.SERVICE_UNAVAILABLE.name(),
                "The bearer token cannot be verified now: the token issuer is unreachable. Retry later.");
    }
}
