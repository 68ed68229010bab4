package dev.catalog.gateway.security;

/**
 * The OAuth2 scopes the service knows, as they appear in a token's {@code scope} (or {@code scp}) claim,
 * and the authorities Spring derives from them ({@code SCOPE_} + scope).
 */
public final class Scopes {

    /** Needed by every mutation. */
    public static final String WRITE = "catalog:write";
    /** Needed by administrative operations (none exist yet; they will carry {@link RequiresAdmin}). */
    public static final String ADMIN = "catalog:admin";

    static final String WRITE_AUTHORITY = "SCOPE_" + WRITE;
    static final String ADMIN_AUTHORITY = "SCOPE_" + ADMIN;

    private Scopes() {
    }
}
