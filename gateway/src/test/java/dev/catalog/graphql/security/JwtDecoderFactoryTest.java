package dev.catalog.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.gateway.security.Tokens;
import dev.catalog.graphql.security.CatalogSecurityProperties.Jwt;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;

class JwtDecoderFactoryTest {

    @Test
    void a_secret_shorter_than_32_bytes_refuses_to_start_with_a_clear_message() {
        assertThatThrownBy(() -> JwtDecoderFactory.create(new Jwt("too-short-a-secret", null, null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CATALOG_JWT_SECRET must be at least 32 bytes");
    }

    @Test
    void both_a_secret_and_an_issuer_refuse_to_start() {
        assertThatThrownBy(() -> JwtDecoderFactory.create(
                new Jwt("a-test-secret-that-is-long-enough-for-hs256", "https://issuer.example.com", null, null)))
                .hasMessageContaining("not both");
    }

    @Test
    void an_unreachable_issuer_does_not_stop_the_start_up() {
        assertThat(JwtDecoderFactory.create(new Jwt(null, "http://127.0.0.1:9/nowhere", null, null))).isNotNull();
    }

    @Test
    void a_token_that_cannot_be_checked_against_an_unreachable_issuer_fails_as_unverifiable_not_as_bad() {
        var decoder = JwtDecoderFactory.create(new Jwt(null, "http://127.0.0.1:9/nowhere", null, null));

        assertThatThrownBy(() -> decoder.decode("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
                .isExactlyInstanceOf(JwtException.class)
                .hasMessageContaining("cannot be reached");
    }

    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";

    @Test
    void a_token_without_an_expiry_is_bad() {
        var decoder = JwtDecoderFactory.create(new Jwt(SECRET, null, null, null));
        String eternal = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .expirationTime(null).build());

        assertThatThrownBy(() -> decoder.decode(eternal)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("exp");
    }

    @Test
    void with_an_audience_configured_only_tokens_for_it_are_accepted() {
        var decoder = JwtDecoderFactory.create(new Jwt(SECRET, null, "https://catalog.example.com", null));
        String forUs = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .audience(List.of("https://other.example.com", "https://catalog.example.com")).build());
        String forOthers = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .audience("https://other.example.com").build());

        assertThat(decoder.decode(forUs).getSubject()).isEqualTo("test-user");
        assertThatThrownBy(() -> decoder.decode(forOthers)).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void without_an_audience_configured_any_audience_is_accepted() {
        var decoder = JwtDecoderFactory.create(new Jwt(SECRET, null, null, null));
        String forOthers = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .audience("https://other.example.com").build());

        assertThat(decoder.decode(forOthers).getAudience()).containsExactly("https://other.example.com");
    }
}
