package dev.catalog.gateway.write;

import dev.catalog.events.common.ChangeOrigin;
import dev.catalog.graphql.execution.GraphQlExecutor;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who causes a command, and in which request: the metadata every command carries, which its events record
 * ({@link ChangeOrigin}).
 */
final class Origin {

    private Origin() {
    }

    /** The metadata of a command sent now, on the thread of the request that sends it. */
    static Map<String, String> current() {
        String requestId = MDC.get(GraphQlExecutor.REQUEST_ID);
        return Map.of(ChangeOrigin.BY, by(SecurityContextHolder.getContext().getAuthentication()),
                ChangeOrigin.REQUEST_ID, requestId != null ? requestId : UUID.randomUUID().toString());
    }

    /**
     * The token's subject; {@code local} for a client of this machine in open mode (which may write without one);
     * {@code anonymous} otherwise.
     */
    static String by(Authentication caller) {
        if (caller == null) {
            return ChangeOrigin.UNKNOWN;
        }
        if (caller instanceof AnonymousAuthenticationToken anonymous) {
            // Open mode gives a local client every scope; any other caller without a token has none.
            boolean scoped = anonymous.getAuthorities().stream()
                    .anyMatch(authority -> authority.getAuthority().startsWith("SCOPE_"));
            return scoped ? ChangeOrigin.LOCAL : ChangeOrigin.ANONYMOUS;
        }
        return caller.getName();
    }
}
