package dev.catalog.gateway.persisted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.NodeHarness;
import dev.catalog.gateway.CatalogInstance;
import dev.catalog.graphql.persisted.DocumentHash;
import dev.catalog.platform.database.DatabaseEndpoint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference client of automatic persisted queries: Apollo Client with Apollo's persisted-query link
 * ({@code createPersistedQueryLink} with {@code useGETForHashedQueries}) on Node.js
 * ({@code src/test/federation/persisted.mjs}) sends the hash alone over GET, the document once when the hash is not
 * found, and the hash alone from then on, on this instance and on a second one sharing its PostgreSQL; the GET it
 * sends is cacheable and revalidates with 304.
 *
 * <p>Needs Node.js and the packages of {@code src/test/federation} ({@code bin/test} installs them with
 * {@code npm ci}); without them the test is skipped with a message, unless {@code CATALOG_FEDERATION_TESTS=required}
 * (CI) makes that a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApolloPersistedQueryLinkTest extends ApiTest {

    private static final Path HARNESS = NodeHarness.DIRECTORY;
    private static final String LOG = "apollo-persisted-query-link.log";

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

    /**
     * Per test, not in {@code @BeforeAll}: surefire counts a test skipped there as no test at all, where here it is
     * reported as skipped.
     */
    @BeforeEach
    void nodeAndTheClientPackagesAreInstalled() {
        NodeHarness.require("Apollo Client", "@apollo/client", "rxjs");
    }

    @Test
    void apollo_clients_persisted_query_link_registers_once_then_reads_by_hash_over_get_from_either_instance()
            throws Exception {
        String name = unique("Apollo persisted");
        int product = createProduct(name, 10, "ACTIVE");

        JsonNode output = runClient(product);
        JsonNode requests = output.get("requests");

        for (JsonNode data : List.of(output.at("/a/first"), output.at("/a/second"), output.get("b"))) {
            assertThat(data.at("/product/id").asInt()).as(data.toString()).isEqualTo(product);
            assertThat(data.at("/product/name").asString()).as(data.toString()).isEqualTo(name);
        }

        List<JsonNode> firstRun = run(requests, "A1");
        assertThat(firstRun).as("the first run against A: the hash, then the document").hasSize(2);
        JsonNode hashOnly = firstRun.get(0);
        String hash = hashOnly.at("/persistedQuery/sha256Hash").asString();
        assertThat(hash).matches("[0-9a-f]{64}");
        assertThat(hashOnly.at("/persistedQuery/version").asInt()).isEqualTo(1);
        assertHashOnlyGet(hashOnly, port, hash);
        assertThat(hashOnly.get("status").asInt()).isEqualTo(200);
        assertThat(strings(hashOnly.get("errors"))).containsExactly("PERSISTED_QUERY_NOT_FOUND");
        // The refusal is never kept by a cache: no ETag, and private, no-store.
        assertThat(hashOnly.get("etag").isNull()).as("an ETag on the refusal").isTrue();
        assertThat(hashOnly.get("cacheControl").asString()).as("the refusal's Cache-Control")
                .isEqualTo("private, no-store");

        JsonNode withDocument = firstRun.get(1);
        assertThat(withDocument.get("method").asString()).as("Apollo's link sends the document with POST")
                .isEqualTo("POST");
        assertThat(withDocument.get("url").asString()).isEqualTo("http://localhost:" + port + "/graphql");
        assertThat(withDocument.get("query").isNull()).as("the document is sent").isFalse();
        assertThat(DocumentHash.sha256(withDocument.get("query").asString())).as("the hash of the document sent")
                .isEqualTo(hash);
        assertThat(withDocument.at("/persistedQuery/sha256Hash").asString()).isEqualTo(hash);
        assertThat(withDocument.get("status").asInt()).isEqualTo(200);
        assertThat(withDocument.get("errors")).isEmpty();

        List<JsonNode> secondRun = run(requests, "A2");
        assertThat(secondRun).as("the second run against A: the hash alone").hasSize(1);
        JsonNode again = secondRun.getFirst();
        assertHashOnlyGet(again, port, hash);
        assertThat(again.get("status").asInt()).isEqualTo(200);
        assertThat(again.get("errors")).isEmpty();
        assertThat(again.get("cacheControl").asString()).isEqualTo("public, max-age=5");
        assertThat(again.get("etag").asString()).isNotBlank();

        List<JsonNode> onB = run(requests, "B1");
        assertThat(onB).as("a fresh client against B: the hash alone, registered through A").hasSize(1);
        JsonNode fromB = onB.getFirst();
        assertHashOnlyGet(fromB, second.port(), hash);
        assertThat(fromB.get("status").asInt()).isEqualTo(200);
        assertThat(fromB.get("errors")).isEmpty();
        assertThat(fromB.get("cacheControl").asString()).isEqualTo("public, max-age=5");
        assertThat(fromB.get("etag").asString()).as("the same answer from either instance")
                .isEqualTo(again.get("etag").asString());
        assertThat(requests).as("no other request").hasSize(4);

        // The GET the link sent, as a cache in front of the service would send it again: 200, then 304 on B.
        String accept = again.get("accept").asString();
        HttpResponse<String> fetched = get(again.get("url").asString(), accept, null);
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Cache-Control")).hasValue("public, max-age=5");
        String etag = fetched.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo(again.get("etag").asString());
        assertThat(JsonMapper.shared().readTree(fetched.body()).at("/data/product/name").asString()).isEqualTo(name);

        HttpResponse<String> revalidated = get(fromB.get("url").asString(), accept, etag);
        assertThat(revalidated.statusCode()).as("revalidated on B").isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
    }

    /** A request with the hash alone, over GET, to {@code /graphql} of the instance on {@code port}. */
    private static void assertHashOnlyGet(JsonNode request, int port, String hash) {
        assertThat(request.get("method").asString()).as(request.toString()).isEqualTo("GET");
        assertThat(request.get("url").asString()).as(request.toString())
                .startsWith("http://localhost:" + port + "/graphql?")
                .doesNotContain("query=");
        assertThat(request.get("query").isNull()).as("no document: " + request).isTrue();
        assertThat(request.at("/persistedQuery/sha256Hash").asString()).isEqualTo(hash);
    }

    private HttpResponse<String> get(String url, String accept, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (accept != null && !accept.isBlank()) {
            request.header("Accept", accept);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The requests of one run of the query, in the order sent. */
    private static List<JsonNode> run(JsonNode requests, String run) {
        List<JsonNode> selected = new ArrayList<>();
        requests.forEach(request -> {
            if (run.equals(request.get("run").asString())) {
                selected.add(request);
            }
        });
        return selected;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    /** Runs {@code node persisted.mjs} against both instances; answers what it prints: the data and the requests. */
    private JsonNode runClient(int product) throws IOException, InterruptedException {
        Process client = new ProcessBuilder("node", "persisted.mjs", "http://localhost:" + port + "/graphql",
                "http://localhost:" + second.port() + "/graphql", String.valueOf(product))
                .directory(HARNESS.toFile())
                .redirectError(Path.of("target", LOG).toFile())
                .start();
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("persisted.mjs did not finish in 60 s; see target/" + LOG);
        }
        assertThat(client.exitValue()).as("exit status of persisted.mjs; see target/" + LOG).isZero();
        return JsonMapper.shared().readTree(output);
    }
}
