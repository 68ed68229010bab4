package dev.catalog.gateway.security;

import org.springframework.security.core.Authentication;

/**
 * The OAuth2 scopes the service knows, as they appear in a token's {@code scope} (or {@code scp}) claim,
 * and the authorities Spring derives from them ({@code SCOPE_} + scope).
 */
public final class Scopes {

    /** Needed by every mutation that is not administrative. */
    public static final String WRITE = "catalog:write";
    /**
     * Needed by the administrative operations, which carry {@link RequiresAdmin} ({@code dev.catalog.gateway.admin}).
     * Does not imply
     * {@link #WRITE}.
     */
    public static final String ADMIN = "catalog:admin";

    static final String WRITE_AUTHORITY = "SCOPE_" + WRITE;
    static final String ADMIN_AUTHORITY = "SCOPE_" + ADMIN;

    private Scopes() {
    }

    /**
     * Whether {@code caller} is an administrator (scope {@value #ADMIN}), whom the limits meant for clients at large
     * (the rate limit, the body size, the timeout) let past; {@code false} for {@code null}.
     */
    public static boolean isAdministrator(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(authority -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
    }
}
