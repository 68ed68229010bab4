package dev.catalog.gateway.security;

import dev.catalog.graphql.security.ApiScopes;
import java.util.Set;

/** The catalog's OAuth2 scopes, as they appear in a token's {@code scope} (or {@code scp}) claim. */
public final class Scopes {

    /** Needed by every mutation that is not administrative ({@link RequiresWrite}). */
    public static final String WRITE = "catalog:write";
    /**
     * Needed by the administrative operations ({@link RequiresAdmin}, {@code dev.catalog.gateway.admin}). Does not
     * imply {@link #WRITE}.
     */
    public static final String ADMIN = "catalog:admin";

    /** The scopes as the GraphQL server's guards need them. */
    static final ApiScopes API = new ApiScopes(Set.of(WRITE, ADMIN), ADMIN);

    private Scopes() {
    }
}
