package dev.catalog.graphql.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The security settings, bound from {@code catalog.*} (environment: {@code CATALOG_RATE_LIMIT_PER_MINUTE},
 * {@code CATALOG_TRUSTED_PROXIES}, {@code CATALOG_CORS_ALLOWED_ORIGINS}, {@code CATALOG_JWT_SECRET},
 * {@code CATALOG_JWT_ISSUER_URI}, {@code CATALOG_JWT_AUDIENCE}). Lists are comma-separated in the environment.
 *
 * @param rateLimit      requests per minute per client
 * @param trustedProxies IPs or CIDRs whose {@code X-Forwarded-For} is believed; none by default
 * @param cors           cross-origin browser access
 * @param jwt            how bearer tokens are verified; neither setting means open mode
 */
@ConfigurationProperties("catalog")
public record CatalogSecurityProperties(@DefaultValue RateLimit rateLimit, @DefaultValue List<String> trustedProxies,
                                        @DefaultValue Cors cors, @DefaultValue Jwt jwt) {

    /** @param perMinute requests a client may send to the GraphQL endpoint per minute; 0 disables the limit */
    public record RateLimit(@DefaultValue("128") int perMinute) {
    }

    /** @param allowedOrigins origins (e.g. {@code https://shop.example.com}) a browser may call from */
    public record Cors(@DefaultValue List<String> allowedOrigins) {
    }

    /**
     * @param secret    an HS256 shared secret of at least 32 bytes (UTF-8)
     * @param issuerUri an OpenID issuer whose JWKS signs the tokens
     * @param audience  when set, a token's {@code aud} must contain it ({@code CATALOG_JWT_AUDIENCE})
     * @param clockSkew how far the issuer's clock may be from this service's when {@code exp} and {@code nbf} are
     *                  checked, on every request and every operation of a WebSocket connection
     *                  ({@code CATALOG_JWT_CLOCK_SKEW}, 60 s by default, as Spring Security's)
     */
    public record Jwt(String secret, String issuerUri, String audience, @DefaultValue("60s") Duration clockSkew) {

        public Jwt {
            clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
            if (clockSkew.isNegative()) {
                throw new IllegalStateException("CATALOG_JWT_CLOCK_SKEW must be 0 or more, e.g. 60s.");
            }
        }

        /** True when a token verifier is configured; false means every caller may do everything. */
        public boolean configured() {
            return hasText(secret) || hasText(issuerUri);
        }

        static boolean hasText(String value) {
            return value != null && !value.isBlank();
        }
    }
}
