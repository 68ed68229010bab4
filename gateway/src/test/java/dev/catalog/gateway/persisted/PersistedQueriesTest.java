package dev.catalog.gateway.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.CatalogInstance;
import dev.catalog.graphql.persisted.DocumentHash;
import dev.catalog.platform.database.DatabaseEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Automatic persisted queries as Apollo's clients send them, over real HTTP, on this instance and on a second one
 * sharing its PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersistedQueriesTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    DatabaseEndpoint database;

    private CatalogInstance second;

    @BeforeAll
    void startSecondInstance() {
        second = CatalogInstance.sharing(database);
    }

    @AfterAll
    void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void a_hash_alone_is_not_found_until_its_document_was_sent_once_and_then_every_instance_runs_it() throws Exception {
        String query = uniqueQuery();
        String hash = DocumentHash.sha256(query);

        JsonNode missing = post(port, body(null, hash));
        assertThat(missing.at("/errors/0/message").asString()).isEqualTo("PersistedQueryNotFound");
        assertThat(missing.at("/errors/0/extensions/code").asString()).isEqualTo("PERSISTED_QUERY_NOT_FOUND");

        JsonNode registered = post(port, body(query, hash));
        assertThat(registered.has("errors")).as(registered.toString()).isFalse();

        assertThat(post(port, body(null, hash)).get("data")).isEqualTo(registered.get("data"));
        assertThat(post(second.port(), body(null, hash)).get("data")).as("through the second instance")
                .isEqualTo(registered.get("data"));
    }

    @Test
    void a_hash_that_is_not_its_documents_is_refused_and_registers_nothing() throws Exception {
        String query = uniqueQuery();
        String wrong = DocumentHash.sha256(query + " ");

        JsonNode refused = post(port, body(query, wrong));

        assertThat(refused.at("/errors/0/message").asString()).isEqualTo("provided sha does not match query");
        assertThat(post(port, body(null, wrong)).at("/errors/0/extensions/code").asString())
                .isEqualTo("PERSISTED_QUERY_NOT_FOUND");
    }

    @Test
    void a_document_that_does_not_validate_or_exceeds_a_limit_is_not_registered() throws Exception {
        String invalid = "{ products { nosuchfield } } # " + UUID.randomUUID();
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            aliases.append(" a").append(i).append(": __typename");
        }
        String tooManyAliases = aliases.append(" } # ").append(UUID.randomUUID()).toString();

        assertThat(post(port, body(invalid, DocumentHash.sha256(invalid))).at("/errors/0/extensions/code").asString())
                .isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(post(port, body(tooManyAliases, DocumentHash.sha256(tooManyAliases))).at("/errors/0/extensions/code")
                .asString()).isEqualTo("GRAPHQL_ALIAS_LIMIT_EXCEEDED");

        for (String refused : new String[] {invalid, tooManyAliases}) {
            assertThat(post(port, body(null, DocumentHash.sha256(refused))).at("/errors/0/extensions/code").asString())
                    .as("registered?").isEqualTo("PERSISTED_QUERY_NOT_FOUND");
        }
    }

    @Test
    void a_persisted_query_over_get_is_cacheable_and_revalidates_with_304() throws Exception {
        String query = uniqueQuery();
        String hash = DocumentHash.sha256(query);
        HttpResponse<String> notFound = get(port, hash, null);
        assertThat(notFound.body()).contains("PERSISTED_QUERY_NOT_FOUND");
        assertThat(notFound.headers().firstValue("Cache-Control")).as("a refusal is never kept")
                .hasValue("private, no-store");
        post(port, body(query, hash));

        HttpResponse<String> first = get(port, hash, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=5");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get(port, hash, etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get(second.port(), hash, etag).statusCode()).as("the same answer from the other instance")
                .isEqualTo(304);
    }

    @Test
    void an_answer_with_errors_is_never_kept_by_a_shared_cache() throws Exception {
        String query = "{ product(id: 1) { name } nope: products(first: 1000) { edges { node { id } } } } # "
                + UUID.randomUUID();
        String hash = DocumentHash.sha256(query);
        post(port, body(query, hash));

        HttpResponse<String> answer = get(port, hash, null);

        assertThat(answer.body()).contains("errors");
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(answer.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void a_persisted_mutation_is_not_run_over_get() throws Exception {
        String mutation = "mutation { createProduct(inp: {name: \"" + unique("Persisted") + "\", price: 1}) { id } }";
        String hash = DocumentHash.sha256(mutation);
        assertThat(post(port, body(mutation, hash)).has("errors")).isFalse();

        assertThat(get(port, hash, null).statusCode()).isEqualTo(405);
    }

    // --- helpers

    /** A query no other test sends, so that its hash is new. */
    private static String uniqueQuery() {
        return "{ products(first: 1) { edges { node { id } } } } # " + UUID.randomUUID();
    }

    private static Map<String, Object> body(String query, String hash) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash)));
        return body;
    }

    private JsonNode post(int port, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(int port, String hash, String ifNoneMatch) throws Exception {
        String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/graphql?extensions=" + URLEncoder.encode(extensions, StandardCharsets.UTF_8)));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
