package dev.catalog.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.NodeHarness;
import dev.catalog.gateway.CatalogInstance;
import dev.catalog.gateway.security.Tokens;
import dev.catalog.platform.database.DatabaseEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two subgraphs in a real supergraph: composed by {@code @apollo/composition}, and served by Apollo Gateway
 * (IntrospectAndCompose, as the earlier system ran it) together with a third subgraph that extends
 * {@code Product} with reviews ({@code src/test/federation/supergraph.mjs}). Every operation of the earlier
 * system's clients goes through the gateway and through {@code /graphql}, and both must answer the same.
 *
 * <p>Needs Node.js and the packages of {@code src/test/federation} ({@code bin/test} installs them with
 * {@code npm ci}); without them the test is skipped with a message, unless {@code CATALOG_FEDERATION_TESTS=required}
 * (CI) makes that a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationGatewayTest extends ApiTest {

    private static final Path HARNESS = NodeHarness.DIRECTORY;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DatabaseEndpoint database;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process supergraph;
    private String gatewayUrl;

    @BeforeAll
    void startTheGateway() throws IOException {
        NodeHarness.require("the federation test packages", "@apollo/gateway");
        supergraph = startSupergraph(port, "federation-gateway.log");
        gatewayUrl = gatewayUrl(supergraph, "federation-gateway.log");
    }

    @AfterAll
    void stopTheGateway() throws Exception {
        stop(supergraph);
    }

    /** The harness (reviews subgraph and Apollo Gateway) in front of the subgraphs of the service on that port. */
    private Process startSupergraph(int servicePort, String log) throws IOException {
        return new ProcessBuilder("node", "supergraph.mjs", "serve", subgraphUrl(servicePort, "products"),
                subgraphUrl(servicePort, "images"))
                .directory(HARNESS.toFile())
                .redirectError(Path.of("target", log).toFile())
                .start();
    }

    private static String gatewayUrl(Process harness, String log) {
        return JSON.readTree(readyLine(harness, Duration.ofSeconds(60), log)).get("gateway").asString();
    }

    private static void stop(Process harness) throws IOException, InterruptedException {
        if (harness != null) {
            harness.getOutputStream().close(); // the harness stops when its standard input closes
            if (!harness.waitFor(10, TimeUnit.SECONDS)) {
                harness.destroyForcibly();
            }
        }
    }

    @Test
    void the_two_subgraphs_compose_with_no_error_and_no_hint() throws Exception {
        Process compose = new ProcessBuilder("node", "supergraph.mjs", "compose", subgraphUrl(port, "products"),
                subgraphUrl(port, "images")).directory(HARNESS.toFile()).redirectErrorStream(true).start();
        String output = new String(compose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(compose.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(compose.exitValue()).as(output).isZero();
        JsonNode result = JSON.readTree(output);
        assertThat(result.get("errors")).as(output).isEmpty();
        assertThat(result.get("hints")).as(output).isEmpty();
        String supergraphSdl = result.get("supergraphSdl").asString();
        assertThat(supergraphSdl).contains("type Product", "@join__type(graph: PRODUCTS, key: \"id\"",
                "@join__type(graph: IMAGES, key: \"id\"", "images: [Image!]! @join__field(graph: IMAGES)");
    }

    @Test
    void every_query_of_the_earlier_system_answers_through_the_gateway_as_through_graphql() {
        String tag = "Fed" + unique("").strip().replace("-", "");
        int first = createProduct(tag + " lamp", 19.99, null);
        createImage(first, "https://e.example.com/fed/" + tag + "/lamp-a.png", 10);
        createImage(first, "https://e.example.com/fed/" + tag + "/lamp-b.png", 90);
        int second = createProduct(tag + " desk", 250, null);
        int image = createImage(second, "https://e.example.com/fed/" + tag + "/desk.png", null);
        createProduct(tag + " shelf", 40, "INACTIVE");

        for (var operation : List.of(
                new Operation("getActiveProductsSortedById", Map.of()),
                new Operation("searchActiveProductsByName", Map.of("search", tag)),
                new Operation("getImage", Map.of("imageId", image)),
                new Operation("getImage", Map.of("imageId", 999_999_999)),
                new Operation("getAllImages", Map.of()))) {
            JsonNode throughGateway = send(gatewayUrl, operation);
            JsonNode direct = send(combinedUrl(), operation);

            assertThat(canonical(throughGateway)).as(operation.name()).isEqualTo(canonical(direct));
            assertThat(direct.has("errors")).as(operation.name()).isFalse();
        }
        assertThat(send(gatewayUrl, new Operation("searchActiveProductsByName", Map.of("search", tag)))
                .at("/data/searchActiveProductsByName/0/images")).hasSize(2);
    }

    @Test
    void every_mutation_of_the_earlier_system_answers_through_the_gateway_what_graphql_then_reads() {
        String name = unique("Federated chair");
        JsonNode created = data(gatewayUrl, new Operation("createProduct",
                Map.of("inp", productInput(name, 75.5, null))), "createProduct");
        int product = created.get("id").asInt();
        assertSame(created, productOnGraphQl(product, created));

        JsonNode image = data(gatewayUrl, new Operation("createImage",
                Map.of("inp", imageInput("https://e.example.com/fed/chair.png", 60, product))), "createImage");
        int imageId = image.get("id").asInt();
        assertSame(image, imageOnGraphQl(imageId, image));

        JsonNode updated = data(gatewayUrl, new Operation("updateProduct", Map.of("productId", product,
                "input", productInput(name, 80, "INACTIVE"))), "updateProduct");
        assertThat(updated.get("status").asString()).isEqualTo("INACTIVE");
        assertThat(updated.at("/images/0/id").asInt()).isEqualTo(imageId);
        assertSame(updated, productOnGraphQl(product, updated));

        JsonNode movedImage = data(gatewayUrl, new Operation("updateImage", Map.of("imageId", imageId,
                "updates", imageInput("https://e.example.com/fed/chair-2.png", 5, product))), "updateImage");
        assertSame(movedImage, imageOnGraphQl(imageId, movedImage));

        // Unknown ids, refusals and deletions answer the same through both.
        for (var operation : List.of(
                new Operation("updateProduct", Map.of("productId", 999_999_999, "input", productInput(unique("No"), 1, null))),
                new Operation("updateImage", Map.of("imageId", 999_999_999,
                        "updates", imageInput("https://e.example.com/fed/none.png", 1, product))),
                new Operation("createProduct", Map.of("inp", productInput(name, 1, null))),
                new Operation("createImage", Map.of("inp", imageInput("https://e.example.com/fed/x.png", 1, 999_999_999))))) {
            assertSame(withoutLocations(send(gatewayUrl, operation)), withoutLocations(send(combinedUrl(), operation)));
        }
        assertThat(data(gatewayUrl, new Operation("deleteImage", Map.of("imageId", imageId)), "deleteImage").asString())
                .isEqualTo("Image deleted successfully.");
        assertSame(send(gatewayUrl, new Operation("deleteImage", Map.of("imageId", imageId))),
                send(combinedUrl(), new Operation("deleteImage", Map.of("imageId", imageId))));
        assertThat(data(gatewayUrl, new Operation("deleteProduct", Map.of("productId", product)), "deleteProduct").asString())
                .isEqualTo("Product " + product + " deleted successfully.");
        assertSame(send(gatewayUrl, new Operation("deleteProduct", Map.of("productId", product))),
                send(combinedUrl(), new Operation("deleteProduct", Map.of("productId", product))));
    }

    @Test
    void another_teams_subgraph_extends_product_and_the_gateway_joins_all_three() {
        int product = createProduct(unique("Reviewed kettle"), 30, null);
        createImage(product, "https://e.example.com/fed/kettle.png", 70);

        JsonNode answer = data(gatewayUrl, new Operation("reviewedProduct", """
                query reviewedProduct($id: Int!) {
                  product(id: $id) { id name images { url priority } reviews { id rating comment } }
                }""", Map.of("id", product)), "product");

        assertThat(answer.at("/images/0/url").asString()).isEqualTo("https://e.example.com/fed/kettle.png");
        assertThat(answer.get("reviews")).hasSize(2);
        assertThat(answer.at("/reviews/0/id").asString()).isEqualTo(product + "-1");
        assertThat(answer.at("/reviews/1/comment").asString()).isEqualTo("Review 2 of product " + product);
        assertThat(answer.get("name").asString())
                .isEqualTo(data(combinedUrl(), new Operation("name", "query name($id: Int!) { product(id: $id) { name } }",
                        Map.of("id", product)), "product").get("name").asString());
    }

    /**
     * The service of the other tests is open; this one runs a second instance on the same database with tokens
     * required, behind its own gateway, which forwards the caller's Authorization header to the subgraphs.
     */
    @Test
    void through_the_gateway_a_mutation_is_refused_without_a_token_and_runs_with_a_write_scoped_one() throws Exception {
        String secret = "a-test-secret-that-is-long-enough-for-hs256";
        try (CatalogInstance secured = CatalogInstance.sharing(database, "catalog.jwt.secret=" + secret,
                "catalog.jwt.audience=" + Tokens.AUDIENCE)) {
            Process securedSupergraph = startSupergraph(secured.port(), "federation-gateway-secured.log");
            try {
                String securedGateway = gatewayUrl(securedSupergraph, "federation-gateway-secured.log");
                String name = unique("Gateway token");
                Operation create = new Operation("createProduct", Map.of("inp", productInput(name, 12, null)));
                String token = Tokens.hs256(secret, Tokens.claims("catalog:write", Duration.ofMinutes(5)).build());

                JsonNode refused = send(securedGateway, create);
                JsonNode created = data(securedGateway, create, "createProduct", "Authorization", "Bearer " + token);

                assertThat(refused.at("/errors/0/extensions/code").asString()).as(refused.toString())
                        .isEqualTo("UNAUTHENTICATED");
                assertThat(refused.at("/data/createProduct").isObject()).as(refused.toString()).isFalse();
                // Names are unique: that the same name was then created shows the refused mutation wrote nothing.
                assertThat(created.get("name").asString()).isEqualTo(name);
            } finally {
                stop(securedSupergraph);
            }
        }
    }

    private static void assertSame(JsonNode actual, JsonNode expected) {
        assertThat(canonical(actual)).as(actual.toString()).isEqualTo(canonical(expected));
    }

    /**
     * The JSON as plain values, every number as a double: the gateway (JavaScript) writes the Float {@code 250.0}
     * as {@code 250}, the same GraphQL value.
     */
    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> object = new TreeMap<>();
            node.properties().forEach(property -> object.put(property.getKey(), canonical(property.getValue())));
            return object;
        }
        if (node.isArray()) {
            List<Object> array = new ArrayList<>();
            node.forEach(item -> array.add(canonical(item)));
            return array;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isNull() || node.isMissingNode() ? null : node.isBoolean() ? node.booleanValue() : node.asString();
    }

    /** A named document of {@code graphql-test/}, or an inline one, with its variables. */
    private record Operation(String name, String document, Map<String, Object> variables) {
        Operation(String name, Map<String, Object> variables) {
            this(name, read(name), variables);
        }

        private static String read(String name) {
            try {
                return new ClassPathResource("graphql-test/" + name + ".graphql").getContentAsString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private JsonNode productOnGraphQl(int id, JsonNode sameShapeAs) {
        return data(combinedUrl(), new Operation("product", "query product($id: Int!) { product(id: $id) { "
                + selection(sameShapeAs) + " } }", Map.of("id", id)), "product");
    }

    private JsonNode imageOnGraphQl(int id, JsonNode sameShapeAs) {
        return data(combinedUrl(), new Operation("image", "query image($id: Int!) { image(id: $id) { "
                + selection(sameShapeAs) + " } }", Map.of("id", id)), "image");
    }

    /** The selection set that produced this answer (objects and lists of objects nest; others are leaves). */
    private static String selection(JsonNode answer) {
        List<String> fields = new ArrayList<>();
        for (String field : answer.propertyNames()) {
            JsonNode value = answer.get(field);
            fields.add(field.equals("images") ? "images { id url priority productId }" : field);
            assertThat(value.isObject()).as("a nested object other than images in %s", answer).isFalse();
        }
        return String.join(" ", fields);
    }

    private JsonNode data(String url, Operation operation, String field, String... headers) {
        JsonNode response = send(url, operation, headers);
        assertThat(response.has("errors")).as(response.toString()).isFalse();
        return response.at("/data/" + field);
    }

    /** POSTs the operation with these header name/value pairs; answers the response body. */
    private JsonNode send(String url, Operation operation, String... headers) {
        String body = JSON.writeValueAsString(Map.of("query", operation.document(), "operationName", operation.name(),
                "variables", operation.variables()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The response with each error's code and message only: the gateway reports positions in its own query. */
    private static JsonNode withoutLocations(JsonNode response) {
        if (!response.has("errors")) {
            return response;
        }
        var copy = JSON.createObjectNode();
        copy.set("data", response.get("data"));
        var errors = copy.putArray("errors");
        response.get("errors").forEach(error -> errors.addObject()
                .put("message", error.get("message").asString())
                .put("code", error.at("/extensions/code").asString()));
        return copy;
    }

    private static String subgraphUrl(int servicePort, String name) {
        return "http://127.0.0.1:" + servicePort + "/subgraphs/" + name + "/graphql";
    }

    private String combinedUrl() {
        return "http://127.0.0.1:" + port + "/graphql";
    }

    /** What follows {@code READY } on the harness's standard output, once it serves. */
    private static String readyLine(Process process, Duration timeout, String log) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String next = reader.readLine(); next != null; next = reader.readLine()) {
                    if (next.startsWith("READY ")) {
                        return next.substring("READY ".length());
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String first = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (first == null) {
                throw new IllegalStateException("the federation harness stopped; see target/" + log);
            }
            return first;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the federation harness did not start; see target/" + log, e);
        }
    }
}
