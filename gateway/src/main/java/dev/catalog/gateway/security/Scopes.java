package dev.catalog.gateway.security;

/**
 * The OAuth2 scopes the service knows, as they appear in a token's {@code scope} (or {@code scp}) claim,
 * and the authorities Spring derives from them ({@code SCOPE_} + scope).
 */
public final class Scopes {

    /** Needed by every mutation that is not administrative. */
    public static final String WRITE = "catalog:write";
    /**
     * Needed by the administrative operations, which carry {@link RequiresAdmin}: the {@code projections}
     * query and the {@code retryDeadLetters} mutation ({@code dev.catalog.gateway.admin}). Does not imply
     * {@link #WRITE}.
     */
    public static final String ADMIN = "catalog:admin";

    static final String WRITE_AUTHORITY = "SCOPE_" + WRITE;
    public static final String ADMIN_AUTHORITY = "SCOPE_" + ADMIN;

    private Scopes() {
    }
}
