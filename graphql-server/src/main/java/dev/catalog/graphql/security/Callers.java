package dev.catalog.graphql.security;

import dev.catalog.graphql.security.CatalogSecurityProperties.Jwt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Who calls the GraphQL endpoint, decided once per request before anything runs:
 * <ul>
 *   <li>a request with {@code Authorization: Bearer <JWT>} is the token's subject with the token's scopes, when
 *       a token verifier is configured ({@link JwtDecoderFactory}); a token that is present but invalid is
 *       refused outright, whatever the operation (401), and one that cannot be checked now (the issuer is
 *       unreachable) is answered 503 ({@link BearerTokenRejection});</li>
 *   <li>any other request is anonymous, without scopes, except in protected open mode (no token verifier):
 *       a client on this machine ({@link ClientAddressResolver#isLocal}) then holds every scope (ADR 13).</li>
 * </ul>
 * Authorization happens per GraphQL field ({@link RequiredScope}), against this caller.
 */
public final class Callers {

    private static final String ANONYMOUS_KEY = Callers.class.getName();
    private static final List<GrantedAuthority> ANONYMOUS = AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS");
    private static final String BEARER = "Bearer ";

    private final JwtDecoder tokens;
    private final ApiScopes scopes;
    private final List<GrantedAuthority> everyScope;
    private final Duration clockSkew;
    private final ClientAddressResolver clients;
    private final JwtAuthenticationConverter authentications = new JwtAuthenticationConverter();
    private final BearerTokenRejection rejection = new BearerTokenRejection();

    /** @param tokens the verifier, or {@code null} in open mode */
    Callers(JwtDecoder tokens, ApiScopes scopes, Duration clockSkew, ClientAddressResolver clients) {
        this.tokens = tokens;
        this.scopes = scopes;
        this.everyScope = scopes.everyScope();
        this.clockSkew = clockSkew;
        this.clients = clients;
    }

    static Callers of(Jwt jwt, ApiScopes scopes, ClientAddressResolver clients) {
        return new Callers(jwt.configured() ? JwtDecoderFactory.create(jwt) : null, scopes, jwt.clockSkew(), clients);
    }

    /**
     * An {@code Authorization} header's value for {@code token}, which may already be one ({@code Bearer ...}, as a
     * graphql-ws client's {@code connection_init} payload often carries it) or the bare token.
     */
    public static String authorization(String token) {
        return isBearer(token) ? token : BEARER + token;
    }

    private static boolean isBearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    /**
     * When {@code caller}'s authority ends: its token's {@code exp} plus the clock skew the verifier allows; empty for
     * a caller without a token (anonymous, or a local client in open mode), whose authority does not expire.
     */
    public Optional<Instant> authorityEnds(Authentication caller) {
        if (caller instanceof AbstractOAuth2TokenAuthenticationToken<?> token && token.getToken().getExpiresAt() != null) {
            return Optional.of(token.getToken().getExpiresAt().plus(clockSkew));
        }
        return Optional.empty();
    }

    /** Whether {@code caller}'s token has expired by now: nothing may run on its authority any more. */
    public boolean expired(Authentication caller) {
        return authorityEnds(caller).map(end -> !Instant.now().isBefore(end)).orElse(false);
    }

    /**
     * The caller of {@code request}, or {@code null} when the request was refused and {@code response} already
     * answered.
     */
    public Authentication authenticate(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            return authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), openLocal(request));
        } catch (BadJwtException e) {
            rejection.commence(request, response, new InvalidBearerTokenException(e.getMessage(), e));
        } catch (JwtException e) {
            rejection.onAuthenticationFailure(request, response, new AuthenticationServiceException(e.getMessage(), e));
        }
        return null;
    }

    /**
     * The caller presenting {@code authorization} (an {@code Authorization} header's value, or {@code null}), from
     * a client on this machine or not ({@link #isLocal}).
     *
     * @throws BadJwtException when the token is invalid
     * @throws JwtException    when the token cannot be checked now (the issuer is unreachable)
     */
    public Authentication authenticate(String authorization, boolean local) {
        if (tokens == null || !isBearer(authorization)) {
            return new AnonymousAuthenticationToken(ANONYMOUS_KEY, "anonymous",
                    tokens == null && local ? everyScope : ANONYMOUS);
        }
        return authentications.convert(tokens.decode(authorization.substring(BEARER.length()).strip()));
    }

    /**
     * Whether {@code request} is an administrator's ({@link ApiScopes#administrator()}): a valid token with the scope, or a
     * client on this machine in protected open mode. Asked only by the guards that let administrators past a limit
     * meant for clients at large (the rate limit, the body size), when a request would otherwise be refused.
     */
    public boolean isAdministrator(HttpServletRequest request) {
        try {
            return isAdministrator(authenticate(request.getHeader(HttpHeaders.AUTHORIZATION), openLocal(request)));
        } catch (JwtException e) {
            return false;
        }
    }

    /** Whether {@code caller} holds the administrators' scope ({@link ApiScopes#isAdministrator}). */
    public boolean isAdministrator(Authentication caller) {
        return scopes.isAdministrator(caller);
    }

    /** Whether {@code request} comes from this machine in protected open mode: only then does it matter. */
    private boolean openLocal(HttpServletRequest request) {
        return tokens == null && isLocal(request);
    }

    /** Whether {@code request} comes from this machine, which holds every scope in protected open mode (ADR 13). */
    public boolean isLocal(HttpServletRequest request) {
        return clients.isLocal(request);
    }

    /** The key the per-client limits count {@code request} under: its client's address. */
    public String clientKey(HttpServletRequest request) {
        return clients.clientKey(request);
    }
}
