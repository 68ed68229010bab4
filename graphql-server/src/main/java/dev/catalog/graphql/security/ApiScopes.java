package dev.catalog.graphql.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The OAuth2 scopes of the API, as the guards need them; given by the API as a bean. Scopes appear in a token's
 * {@code scope} (or {@code scp}) claim, and Spring derives the authorities {@code SCOPE_} + scope from them.
 *
 * @param all           every scope the API checks: a client on this machine holds them all in protected open mode
 * @param administrator the scope of the administrators, whom the limits meant for clients at large (the rate
 *                      limit, the body size, the timeout) let past
 */
public record ApiScopes(Set<String> all, String administrator) {

    public ApiScopes {
        all = Set.copyOf(all);
        if (!all.contains(administrator)) {
            throw new IllegalArgumentException("The administrators' scope " + administrator + " is not one of " + all);
        }
    }

    /** The authority Spring derives from {@code scope}. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }

    /** Whether {@code caller} holds the administrators' scope; {@code false} for {@code null}. */
    public boolean isAdministrator(Authentication caller) {
        String authority = authority(administrator);
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(granted -> authority.equals(granted.getAuthority()));
    }

    /** An anonymous caller's authorities in protected open mode on this machine: every scope. */
    List<GrantedAuthority> everyScope() {
        List<String> authorities = new ArrayList<>(List.of("ROLE_ANONYMOUS"));
        all.stream().sorted().map(ApiScopes::authority).forEach(authorities::add);
        return AuthorityUtils.createAuthorityList(authorities);
    }
}
