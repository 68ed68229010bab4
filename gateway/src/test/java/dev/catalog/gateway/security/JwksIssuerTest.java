package dev.catalog.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.catalog.CatalogApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens verified through an issuer's discovery document and JWKS, served by an HTTP server inside the
 * test on localhost (no outside network).
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}", "catalog.rate-limit.per-minute=0"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksIssuerTest {

    private static final RSAKey ISSUER_KEY = rsaKey();
    private static final AtomicInteger ISSUER_REQUESTS = new AtomicInteger();
    /** Until a test brings it up, the issuer answers every request with HTTP 503, as one that is down. */
    private static final AtomicBoolean ISSUER_UP = new AtomicBoolean();
    private static final HttpServer ISSUER = startIssuer();
    private static final String ISSUER_URI = "http://127.0.0.1:" + ISSUER.getAddress().getPort();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("catalog.jwt.issuer-uri", () -> ISSUER_URI);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                    "{\"issuer\":\"" + issuerUri(server) + "\",\"jwks_uri\":\"" + issuerUri(server) + "/jwks\","
                            + "\"subject_types_supported\":[\"public\"],"
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
            server.createContext("/jwks", exchange -> respond(exchange,
                    new JWKSet(ISSUER_KEY.toPublicJWK()).toString()));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String issuerUri(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        ISSUER_REQUESTS.incrementAndGet();
        byte[] body = ISSUER_UP.get() ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(ISSUER_UP.get() ? 200 : 503, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private HttpResponse<String> createProduct(String name, String token) {
        return Http.to(port).graphQl(Http.query("mutation { createProduct(inp: {name: \"" + name + "\", price: 2}) { name } }"),
                "Authorization", "Bearer " + token);
    }

    private static String code(HttpResponse<String> response) {
        return JSON.readTree(response.body()).at("/errors/0/extensions/code").asString();
    }

    @Test
    @Order(1)
    void the_service_starts_without_contacting_the_issuer() {
        assertThat(Http.to(port).graphQl(Http.query("{ getAllImages { id } }")).statusCode()).isEqualTo(200);
        assertThat(ISSUER_REQUESTS).hasValue(0);
    }

    @Test
    @Order(2)
    void while_the_issuer_is_down_a_request_with_a_token_is_told_to_retry_and_anonymous_reads_keep_working() {
        String name = "Unverified " + UUID.randomUUID().toString().substring(0, 8);
        String token = Tokens.rs256(ISSUER_KEY, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .issuer(ISSUER_URI).build());

        HttpResponse<String> refused = createProduct(name, token);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(code(refused)).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(ISSUER_REQUESTS).as("the issuer was asked").hasPositiveValue();
        HttpResponse<String> search = Http.to(port).graphQl(
                Http.query("{ searchActiveProductsByName(search: \"" + name + "\") { id } }"));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(search.body()).at("/data/searchActiveProductsByName").size())
                .as("the refused mutation did not run").isZero();
    }

    @Test
    @Order(3)
    void once_the_issuer_is_back_a_token_signed_by_its_key_runs_a_mutation() {
        ISSUER_UP.set(true);
        String name = "Issued " + UUID.randomUUID().toString().substring(0, 8);
        String token = Tokens.rs256(ISSUER_KEY, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .issuer(ISSUER_URI).build());

        HttpResponse<String> response = createProduct(name, token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/data/createProduct/name").asString()).as(response.body())
                .isEqualTo(name);
    }

    @Test
    @Order(4)
    void a_token_from_another_issuer_is_refused() {
        String token = Tokens.rs256(ISSUER_KEY, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .issuer("https://elsewhere.example.com").build());

        HttpResponse<String> response = createProduct("Elsewhere " + UUID.randomUUID(), token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    @Order(5)
    void a_token_signed_by_a_key_outside_the_jwks_is_refused() {
        String token = Tokens.rs256(rsaKey(), Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .issuer(ISSUER_URI).build());

        HttpResponse<String> response = createProduct("Outsider " + UUID.randomUUID(), token);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    @Order(6)
    void an_issued_token_without_the_scope_is_forbidden() {
        String token = Tokens.rs256(ISSUER_KEY, Tokens.claims("openid", Duration.ofMinutes(5))
                .issuer(ISSUER_URI).build());

        HttpResponse<String> response = createProduct("Unscoped " + UUID.randomUUID(), token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(code(response)).isEqualTo("FORBIDDEN");
    }
}
