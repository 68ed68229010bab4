package dev.catalog.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protected open mode (as Redis's): with no token verifier configured, an anonymous client on this machine
 * ({@link ClientAddressResolver#isLocal}) holds every scope, so a developer's own tools can write; any other
 * client stays anonymous without scopes, so reads work and mutations and administrative operations answer
 * {@code UNAUTHENTICATED} (see {@link SecurityExceptionResolver}). Runs after Spring Security's anonymous filter.
 */
final class LocalClientGrant extends OncePerRequestFilter {

    private static final String KEY = LocalClientGrant.class.getName();
    private static final List<org.springframework.security.core.GrantedAuthority> EVERY_SCOPE =
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS", Scopes.WRITE_AUTHORITY, Scopes.ADMIN_AUTHORITY);

    private final ClientAddressResolver clients;

    LocalClientGrant(ClientAddressResolver clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        if (current instanceof AnonymousAuthenticationToken && clients.isLocal(request)) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new AnonymousAuthenticationToken(KEY, "local-client", EVERY_SCOPE));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
