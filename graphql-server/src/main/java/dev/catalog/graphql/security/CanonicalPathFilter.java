package dev.catalog.graphql.security;

import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter: refuses a request whose path is not in canonical form with 400 and a GraphQL-shaped
 * {@code BAD_REQUEST}, before any guard looks at the path. Path parameters ({@code /graphql;x=1}), dot
 * segments ({@code /./graphql}), doubled slashes, encoded slashes, dots, percent signs or backslashes, and
 * control characters are refused, as Spring Security's {@link StrictHttpFirewall} decides; it would refuse
 * them anyway, but only after the rate limit, which would then have compared the raw spelling.
 *
 * <p>What passes spells one path in one way but for percent-encoded ordinary characters ({@code /%67raphql});
 * the guards behind this filter read the path as the servlet container decoded it (see {@link RoutedPath}),
 * which is the path the request is routed by.
 */
final class CanonicalPathFilter extends OncePerRequestFilter {

    private final StrictHttpFirewall firewall = Firewall.strict();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
            ErrorBodies.write(response, HttpStatus.BAD_REQUEST.value(), ErrorCode.BAD_REQUEST.name(),
                    "The request is not in canonical form (" + e.getMessage() + "): spell the path without dot "
                            + "segments, doubled slashes, path parameters (;) or encoded slashes, dots or percent signs.");
            return;
        }
        chain.doFilter(request, response);
    }
}
