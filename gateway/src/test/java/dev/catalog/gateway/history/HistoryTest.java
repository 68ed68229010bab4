package dev.catalog.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history of products and images over real HTTP: every change listed newest first with who made it, and the
 * product as it was after each change, equal to what the view showed right after it.
 */
class HistoryTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PRODUCT_FIELDS = "id name price status version images { id url priority productId }";

    private final HttpClient http = HttpClient.newHttpClient();

    /** What the view showed right after a change, and the change's time. */
    private record Seen(String at, JsonNode product) {
    }

    @Test
    void the_product_as_of_every_changes_time_equals_the_view_right_after_that_change_over_random_sequences()
            throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Random random = new Random(seed);
            String name = unique("History " + seed);
            JsonNode created = post("mutation { createProduct(inp: {name: \"" + name + "\", price: 10}) { id updatedAt } }")
                    .at("/data/createProduct");
            int id = created.get("id").asInt();
            List<Seen> seen = new ArrayList<>();
            seen.add(new Seen(created.get("updatedAt").asString(), view(id)));
            List<Integer> images = new ArrayList<>();
            for (int step = 0; step < 12; step++) {
                Thread.sleep(3); // distinct milliseconds: as-of reads are at the stored events' precision
                String at = switch (images.isEmpty() ? random.nextInt(2) : random.nextInt(5)) {
                    case 0 -> post("mutation { updateProduct(productId: " + id + ", input: {name: \"" + name
                            + " v" + step + "\", price: " + (random.nextInt(9000) + 1) / 100.0 + ", status: "
                            + (random.nextBoolean() ? "ACTIVE" : "INACTIVE") + "}) { updatedAt } }")
                            .at("/data/updateProduct/updatedAt").asString();
                    case 1 -> {
                        JsonNode image = post("mutation { createImage(inp: {url: \"https://img.example.com/"
                                + UUID.randomUUID() + ".png\", productId: " + id + ", priority: " + random.nextInt(101)
                                + "}) { id updatedAt } }").at("/data/createImage");
                        images.add(image.get("id").asInt());
                        yield image.get("updatedAt").asString();
                    }
                    case 2, 3 -> post("mutation { updateImage(imageId: " + images.get(random.nextInt(images.size()))
                            + ", updates: {url: \"https://img.example.com/" + UUID.randomUUID() + ".png\", productId: "
                            + id + ", priority: " + random.nextInt(101) + "}) { updatedAt } }")
                            .at("/data/updateImage/updatedAt").asString();
                    default -> {
                        int image = images.remove(random.nextInt(images.size()));
                        JsonNode before = post("{ image(id: " + image + ") { version } }");
                        post("mutation { deleteImage(imageId: " + image + ") }");
                        yield post("{ imageHistory(id: " + image + ", first: 1) { edges { node { at } } } }")
                                .at("/data/imageHistory/edges/0/node/at").asString(before.toString());
                    }
                };
                seen.add(new Seen(at, view(id)));
            }
            Thread.sleep(3);
            post("mutation { deleteProduct(productId: " + id + ") }");
            String deletedAt = post("{ productHistory(id: " + id + ", first: 1) { edges { node { kind at } } } }")
                    .at("/data/productHistory/edges/0/node/at").asString();

            for (Seen change : seen) {
                assertThat(post("{ product(id: " + id + ", asOf: \"" + change.at() + "\") { " + PRODUCT_FIELDS + " } }")
                        .at("/data/product")).as("seed %d, as of %s", seed, change.at()).isEqualTo(change.product());
            }
            assertThat(post("{ product(id: " + id + ", asOf: \"" + deletedAt + "\") { id } }").at("/data/product")
                    .isNull()).as("as of its deletion").isTrue();
        }
    }

    @Test
    void the_history_lists_every_change_newest_first_with_what_it_changed_and_who_and_survives_the_deletion() {
        String name = unique("Listed");
        int id = post("mutation { createProduct(inp: {name: \"" + name + "\", price: 10}) { id } }")
                .at("/data/createProduct/id").asInt();
        post("mutation { updateProduct(productId: " + id + ", input: {name: \"" + name + "\", price: 12.5}) { id } }");
        post("mutation { deleteProduct(productId: " + id + ") }");

        JsonNode history = post("{ productHistory(id: " + id + ") { edges { cursor node { version kind by correlationId "
                + "changes { field from to } state { price } } } pageInfo { hasNextPage } } }").at("/data/productHistory");

        JsonNode edges = history.get("edges");
        assertThat(edges.findValuesAsString("kind")).containsExactly("DELETED", "UPDATED", "CREATED");
        assertThat(edges.findValuesAsString("by")).containsOnly("local");
        assertThat(edges.get(1).at("/node/changes").toString())
                .isEqualTo("[{\"field\":\"price\",\"from\":\"10.00\",\"to\":\"12.50\"}]");
        assertThat(edges.get(0).at("/node/state").isNull()).isTrue();
        assertThat(edges.get(0).at("/node/correlationId").asString()).isNotBlank()
                .isNotEqualTo(edges.get(1).at("/node/correlationId").asString());
        assertThat(history.at("/pageInfo/hasNextPage").asBoolean()).isFalse();

        JsonNode older = post("{ productHistory(id: " + id + ", first: 1, after: \"" + edges.get(1).get("cursor").asString()
                + "\") { edges { node { kind } } } }");
        assertThat(older.at("/data/productHistory/edges").findValuesAsString("kind")).containsExactly("CREATED");
    }

    @Test
    void the_cascade_records_the_caller_and_request_of_the_deletion_that_caused_it() throws Exception {
        int id = createProduct(unique("Cascaded"), 10, "ACTIVE");
        int image = createImage(id, "https://img.example.com/" + UUID.randomUUID() + ".png", null);
        post("mutation { deleteProduct(productId: " + id + ") }");
        String deletion = post("{ productHistory(id: " + id + ", first: 1) { edges { node { correlationId } } } }")
                .at("/data/productHistory/edges/0/node/correlationId").asString();

        JsonNode imageDeletion = null;
        for (int i = 0; i < 100 && imageDeletion == null; i++) {
            JsonNode latest = post("{ imageHistory(id: " + image + ", first: 1) { edges { node { kind by correlationId } } } }")
                    .at("/data/imageHistory/edges/0/node");
            if ("DELETED".equals(latest.get("kind").asString())) {
                imageDeletion = latest;
            } else {
                Thread.sleep(100);
            }
        }
        assertThat(imageDeletion).as("the cascade deleted the image").isNotNull();
        assertThat(imageDeletion.get("by").asString()).isEqualTo("local");
        assertThat(imageDeletion.get("correlationId").asString()).isEqualTo(deletion);
    }

    @Test
    void a_rebuilt_history_equals_the_events() {
        int id = createProduct(unique("Verified"), 10, "ACTIVE");
        post("mutation { updateProduct(productId: " + id + ", input: {name: \"" + unique("Verified again")
                + "\", price: 11}) { id } }");

        for (String projection : new String[] {"product-history", "image-history"}) {
            JsonNode verified = post("{ verifyProjection(name: \"" + projection + "\") { events differences } }");
            assertThat(verified.at("/data/verifyProjection/differences").asLong()).as(verified.toString()).isZero();
        }
    }

    // --- helpers

    private JsonNode view(int id) {
        return post("{ product(id: " + id + ") { " + PRODUCT_FIELDS + " } }").at("/data/product");
    }

    private JsonNode post(String query) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.has("errors")).as("errors in %s for %s", response.body(), query).isFalse();
            return answer;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
