package dev.catalog.graphql.security;

import dev.catalog.graphql.security.CatalogSecurityProperties.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/**
 * Builds the bearer-token verifier from {@code CATALOG_JWT_SECRET} or {@code CATALOG_JWT_ISSUER_URI}, and
 * refuses a configuration that would be unsafe or ambiguous with an {@link IllegalStateException} naming
 * the variable, which stops the start-up. Both verifiers check the signature, require {@code exp} (a token
 * without one would never expire) and check it and {@code nbf} with {@code CATALOG_JWT_CLOCK_SKEW} of clock skew
 * (60 s by default; the same tolerance decides when a WebSocket connection's token has expired), and check {@code aud}
 * when {@code CATALOG_JWT_AUDIENCE} is set; the issuer verifier also checks {@code iss}. A token that cannot be
 * checked because the issuer is unreachable fails with a {@link JwtException} that is not a
 * {@code BadJwtException}.
 */
final class JwtDecoderFactory {

    /** HS256 needs a key at least as long as its 256-bit output (RFC 7518, 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private JwtDecoderFactory() {
    }

    static JwtDecoder create(Jwt jwt) {
        if (Jwt.hasText(jwt.secret()) && Jwt.hasText(jwt.issuerUri())) {
            throw new IllegalStateException("Set CATALOG_JWT_SECRET or CATALOG_JWT_ISSUER_URI, not both.");
        }
        if (Jwt.hasText(jwt.secret())) {
            byte[] key = jwt.secret().getBytes(StandardCharsets.UTF_8);
            if (key.length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("CATALOG_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                        + " bytes long (it has " + key.length + "); e.g. `openssl rand -base64 48`.");
            }
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                    .macAlgorithm(MacAlgorithm.HS256).build();
            decoder.setJwtValidator(validator(null, jwt));
            return decoder;
        }
        String issuer = jwt.issuerUri().strip();
        // Lazy: the issuer's discovery document and JWKS are fetched on the first token, not at start-up, so
        // the service starts while the issuer is down (and retries on the next token until it is up).
        JwtDecoder lazy = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build();
            decoder.setJwtValidator(validator(new JwtIssuerValidator(issuer), jwt));
            return decoder;
        });
        return token -> {
            try {
                return lazy.decode(token);
            } catch (JwtDecoderInitializationException e) {
                // Not a JwtException, so it would escape Spring Security as a bare 500; as a JwtException it
                // becomes the "cannot verify now" failure that BearerTokenRejection answers with 503.
                throw new JwtException("The token issuer " + issuer + " cannot be reached", e);
            }
        };
    }

    /**
     * The standard checks ({@code exp} and {@code nbf} with the configured clock skew, {@code iss} when given) plus:
     * {@code exp} present, the audience.
     */
    private static OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> validator(
            JwtIssuerValidator issuer, Jwt jwt) {
        List<OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(jwt.clockSkew()));
        if (issuer != null) {
            validators.add(issuer);
        }
        validators.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        if (Jwt.hasText(jwt.audience())) {
            validators.add(new JwtAudienceValidator(jwt.audience().strip()));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }
}
