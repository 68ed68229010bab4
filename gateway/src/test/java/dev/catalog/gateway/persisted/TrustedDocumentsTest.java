package dev.catalog.gateway.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.CatalogInstance;
import dev.catalog.gateway.security.Tokens;
import dev.catalog.gateway.subscription.WsClient;
import dev.catalog.graphql.persisted.DocumentHash;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trusted documents: an instance in {@code trusted} mode with a manifest runs only the manifest's documents (and
 * those an administrator loads), on every transport; and the bound on what automatic persisted queries register.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedDocumentsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String TRUSTED = "query Trusted { products(first: 2) { edges { node { id name } } } }";

    private final HttpClient http = HttpClient.newHttpClient();
    private CatalogInstance trusted;
    private CatalogInstance bounded;

    @BeforeAll
    void start() throws Exception {
        Path manifest = Files.createTempFile("manifest-", ".json");
        Files.writeString(manifest, JSON.writeValueAsString(Map.of("format", "apollo-persisted-query-manifest",
                "version", 1, "operations", List.of(Map.of("id", DocumentHash.sha256(TRUSTED), "name", "Trusted",
                        "type", "query", "body", TRUSTED)))));
        trusted = CatalogInstance.start("catalog.data-dir=target/test-db/" + UUID.randomUUID(),
                "catalog.persisted.mode=trusted", "catalog.persisted.manifest=" + manifest,
                "catalog.jwt.secret=" + SECRET, "catalog.jwt.audience=" + Tokens.AUDIENCE);
        bounded = CatalogInstance.start("catalog.data-dir=target/test-db/" + UUID.randomUUID(),
                "catalog.persisted.max-documents=2");
    }

    @AfterAll
    void stop() {
        for (CatalogInstance instance : new CatalogInstance[] {trusted, bounded}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void a_manifests_document_runs_by_hash_over_post_and_get_and_sent_in_full() throws Exception {
        String hash = DocumentHash.sha256(TRUSTED);

        assertThat(post(trusted.port(), Map.of("extensions", persisted(hash)), null).has("data")).isTrue();
        assertThat(JSON.readTree(get(trusted.port(), hash).body()).has("data")).isTrue();
        assertThat(post(trusted.port(), Map.of("query", TRUSTED), null).has("errors")).isFalse();
    }

    @Test
    void any_other_document_is_refused_over_http_and_over_the_socket() throws Exception {
        String adHoc = "{ products(first: 100) { edges { node { id name images { url } } } } }";

        assertThat(code(post(trusted.port(), Map.of("query", adHoc), null))).isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(code(post(trusted.port(), Map.of("query", adHoc, "extensions",
                persisted(DocumentHash.sha256(adHoc))), null))).as("with its hash, as APQ would register it")
                .isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
        assertThat(code(JSON.readTree(get(trusted.port(), DocumentHash.sha256(adHoc)).body())))
                .isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
        try (WsClient socket = WsClient.initialized(trusted.port())) {
            socket.subscribe("1", adHoc, Map.of());
            JsonNode answer = socket.next();
            assertThat(answer.toString()).contains("PERSISTED_QUERY_NOT_IN_LIST");
        }
    }

    @Test
    void an_administrator_runs_any_document_and_loads_a_relay_manifest_that_every_client_may_then_run() throws Exception {
        String admin = Tokens.hs256(SECRET, Tokens.claims("catalog:admin", Duration.ofMinutes(5)).build());
        String relayDocument = "query RelayOne { products(first: 1) { edges { node { id } } } }";
        String manifest = JSON.writeValueAsString(Map.of("relay-" + UUID.randomUUID(), relayDocument));
        String id = JSON.readTree(manifest).properties().iterator().next().getKey();

        assertThat(post(trusted.port(), Map.of("query", "{ __typename }"), admin).has("errors")).isFalse();
        JsonNode loaded = post(trusted.port(), Map.of("query", "mutation($m: String!) { loadPersistedManifest(manifest: $m) }",
                "variables", Map.of("m", manifest)), admin);
        assertThat(loaded.at("/data/loadPersistedManifest").asInt()).as(loaded.toString()).isEqualTo(2);

        assertThat(post(trusted.port(), Map.of("documentId", id), null).has("errors")).isFalse();
        JsonNode listed = post(trusted.port(), Map.of("query", "{ persistedDocuments { id } }"), admin);
        assertThat(listed.at("/data/persistedDocuments").findValuesAsString("id")).contains(id,
                DocumentHash.sha256(TRUSTED));
    }

    @Test
    void automatic_persisted_queries_register_no_more_than_the_bound_and_the_rest_still_run() throws Exception {
        String[] queries = new String[3];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = "{ products(first: 1) { edges { node { id } } } } # bound " + i + " " + UUID.randomUUID();
            assertThat(post(bounded.port(), Map.of("query", queries[i], "extensions",
                    persisted(DocumentHash.sha256(queries[i]))), null).has("data")).isTrue();
        }

        assertThat(post(bounded.port(), Map.of("extensions", persisted(DocumentHash.sha256(queries[1]))), null)
                .has("data")).isTrue();
        assertThat(code(post(bounded.port(), Map.of("extensions", persisted(DocumentHash.sha256(queries[2]))), null)))
                .as("past the bound of 2").isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    // --- helpers

    private static Map<String, Object> persisted(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    private static String code(JsonNode answer) {
        return answer.at("/errors/0/extensions/code").asString();
    }

    private JsonNode post(int port, Map<String, Object> body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(int port, String hash) throws Exception {
        String extensions = JSON.writeValueAsString(persisted(hash));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?extensions="
                + URLEncoder.encode(extensions, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }
}
