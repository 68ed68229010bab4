package dev.catalog.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.CatalogInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code catalog-admin events export} from the running service, then {@code events import} into another instance on
 * an empty database: every query answers the same on both.
 */
class EventImportTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path files;

    /** An embedded database of its own, empty. */
    private static String freshDatabase() {
        return "catalog.data-dir=target/test-db/import-" + java.util.UUID.randomUUID();
    }

    private static AdminRun admin(int port, String... args) {
        return AdminRun.against(port, args);
    }

    private String answer(int port, String document, Map<String, Object> variables) throws Exception {
        String query = Files.readString(Path.of("src/test/resources/graphql-test/" + document + ".graphql"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query,
                        "variables", variables))))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.has("errors")).as(document + ": " + response.body()).isFalse();
        return body.get("data").toString();
    }

    /** The answers of every query of the contract (and the additions) that lists or finds what was exported. */
    private List<String> answers(int port, List<Integer> products, List<Integer> images) throws Exception {
        List<String> all = new ArrayList<>();
        all.add(answer(port, "getActiveProductsSortedById", Map.of()));
        all.add(answer(port, "getAllImages", Map.of()));
        all.add(answer(port, "products", Map.of("first", 100)));
        all.add(answer(port, "products", Map.of("first", 100, "filter", Map.of("status", "INACTIVE"))));
        all.add(answer(port, "searchActiveProductsByName", Map.of("search", "Exported")));
        for (int product : products) {
            all.add(answer(port, "product", Map.of("id", product)));
        }
        for (int image : images) {
            all.add(answer(port, "getImage", Map.of("imageId", image)));
            all.add(answer(port, "image", Map.of("id", image)));
        }
        return all;
    }

    @Test
    void an_export_imported_into_an_empty_store_answers_every_query_as_the_original() throws Exception {
        List<Integer> products = new ArrayList<>();
        List<Integer> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int product = createProduct(unique("Exported"), 1.5 + i, i % 2 == 0 ? "ACTIVE" : "INACTIVE");
            products.add(product);
            images.add(createImage(product, "https://img.example/exported/" + product + ".png", i));
        }
        graphQl.documentName("updateProduct").variable("productId", products.get(0))
                .variable("input", productInput(unique("Exported, renamed"), 9.99, "ACTIVE")).execute();
        graphQl.documentName("deleteProduct").variable("productId", products.get(1)).execute();
        Path export = files.resolve("catalog.ndjson");
        assertThat(admin(port, "events", "export", "--out", export.toString()).status()).isZero();
        List<String> original = answers(port, products, images);
        String history = historyOf(port, products.get(0)) + historyOf(port, products.get(1));

        try (CatalogInstance restored = CatalogInstance.start(freshDatabase())) {
            AdminRun imported = admin(restored.port(), "events", "import", "--in", export.toString());

            assertThat(imported.status()).as(imported.err()).isZero();
            assertThat(imported.out()).containsPattern("imported \\d+ events \\(\\d+ products, \\d+ images\\); views rebuilt");
            assertThat(answers(restored.port(), products, images)).isEqualTo(original);
            assertThat(historyOf(restored.port(), products.get(0)) + historyOf(restored.port(), products.get(1)))
                    .as("the histories, who made each change included").isEqualTo(history).contains("\"by\":\"local\"");
            AdminRun again = admin(restored.port(), "events", "import", "--in", export.toString());
            assertThat(again.status()).isEqualTo(3);
            assertThat(again.err()).contains("the event store is not empty");
            assertThat(admin(restored.port(), "projections", "verify", "product-view").status()).isZero();
            assertThat(admin(restored.port(), "projections", "verify", "image-view").status()).isZero();
            // The registries and id sequences came back too: a taken name is refused, a new product gets a new id.
            String taken = JSON.readTree(answer(port, "product", Map.of("id", products.get(2)))).at("/product/name").asString();
            expectError(restored.graphQl().documentName("createProduct").variable("inp", productInput(taken, 1, null))
                    .execute(), "CONFLICT", "name");
            int created = restored.graphQl().documentName("createProduct")
                    .variable("inp", productInput(unique("After the import"), 1, null)).execute()
                    .path("createProduct.id").entity(Integer.class).get();
            assertThat(created).isGreaterThan(products.stream().mapToInt(Integer::intValue).max().orElseThrow());
        }
    }

    /** A product's history as JSON, for comparison across instances. */
    private String historyOf(int port, int product) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ productHistory(id: "
                                + product + ") { edges { node { version kind at by correlationId changes { field from to } "
                                + "} } } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    @Test
    void a_malformed_or_out_of_order_file_is_refused_before_anything_is_written() throws Exception {
        Path export = files.resolve("valid.ndjson");
        int product = createProduct(unique("Exported twice"), 2, null);
        assertThat(admin(port, "events", "export", "--aggregate", "product-" + product, "--out", export.toString())
                .status()).isZero();
        String line = Files.readAllLines(export, StandardCharsets.UTF_8).getFirst();
        Path outOfOrder = Files.writeString(files.resolve("out-of-order.ndjson"), line + "\n" + line + "\n");
        Path malformed = Files.writeString(files.resolve("malformed.ndjson"), line + "\n{\"position\": \n");
        Path unknownType = Files.writeString(files.resolve("unknown.ndjson"),
                line.replace("dev.catalog.events.product.ProductCreatedEvent", "java.lang.Runtime") + "\n");

        try (CatalogInstance empty = CatalogInstance.start(freshDatabase())) {
            AdminRun disordered = admin(empty.port(), "events", "import", "--in", outOfOrder.toString());
            AdminRun broken = admin(empty.port(), "events", "import", "--in", malformed.toString());
            AdminRun unknown = admin(empty.port(), "events", "import", "--in", unknownType.toString());

            assertThat(disordered.status()).isEqualTo(3);
            assertThat(disordered.err()).contains("out-of-order.ndjson:2:", "out of order", "nothing was imported");
            assertThat(broken.status()).isEqualTo(3);
            assertThat(broken.err()).contains("malformed.ndjson:2:", "nothing was imported");
            assertThat(unknown.status()).isEqualTo(3);
            assertThat(unknown.err()).contains("BAD_USER_INPUT", "not a catalog event");
            assertThat(admin(empty.port(), "--json", "events", "export", "--out", "-").out()).isBlank();
        }
    }
}
