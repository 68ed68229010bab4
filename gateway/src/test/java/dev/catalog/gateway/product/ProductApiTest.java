package dev.catalog.gateway.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProductApiTest extends ApiTest {

    @Test
    void a_created_product_is_returned_with_its_id_version_and_timestamps() {
        String name = unique("Laptop");
        var response = graphQl.documentName("createProduct")
                .variable("inp", productInput("  " + name + "  ", 1299.99, null))
                .execute();
        response.path("createProduct.name").entity(String.class).isEqualTo(name);
        response.path("createProduct.price").entity(Double.class).isEqualTo(1299.99);
        response.path("createProduct.status").entity(String.class).isEqualTo("ACTIVE");
        response.path("createProduct.version").entity(Integer.class).isEqualTo(1);
        response.path("createProduct.images").entityList(Object.class).hasSize(0);
        Instant created = Instant.parse(response.path("createProduct.createdAt").entity(String.class).get());
        assertThat(created).isBefore(Instant.now().plusSeconds(1));
        assertThat(response.path("createProduct.id").entity(Integer.class).get()).isPositive();
    }

    @Test
    void the_answer_of_a_mutation_is_the_product_exactly_as_a_query_then_reads_it() {
        Map<?, ?> created = graphQl.documentName("createProduct")
                .variable("inp", productInput(unique("Monitor"), 249.5, "INACTIVE")).execute()
                .path("createProduct").entity(Map.class).get();
        int id = (Integer) created.get("id");
        assertThat(readProduct(id)).isEqualTo(created);

        createImage(id, "https://img.example.com/monitor.png", 7);
        Map<?, ?> updated = graphQl.documentName("updateProduct").variable("productId", id)
                .variable("input", productInput(unique("Monitor"), 199, "ACTIVE")).execute()
                .path("updateProduct").entity(Map.class).get();
        assertThat(updated.get("version")).isEqualTo(2);
        assertThat((List<?>) updated.get("images")).hasSize(1);
        assertThat(readProduct(id)).isEqualTo(updated);
    }

    private Map<?, ?> readProduct(int id) {
        return graphQl.documentName("product").variable("id", id).execute().path("product").entity(Map.class).get();
    }

    @Test
    void a_query_right_after_the_mutation_sees_the_new_product() {
        String name = unique("Camera");
        int id = createProduct(name, 10, "INACTIVE");

        graphQl.documentName("product").variable("id", id).execute()
                .path("product.name").entity(String.class).isEqualTo(name)
                .path("product.status").entity(String.class).isEqualTo("INACTIVE");
    }

    @Test
    void a_price_is_kept_exactly_to_the_cent() {
        int id = createProduct(unique("Pen"), 19.99, null);
        graphQl.documentName("product").variable("id", id).execute()
                .path("product.price").entity(Double.class).isEqualTo(19.99);
    }

    @Test
    void a_name_shorter_than_three_characters_after_trimming_is_bad_user_input_and_stores_nothing() {
        String tag = "tiny" + unique("").strip().replace("-", "");
        var response = graphQl.documentName("createProduct")
                .variable("inp", productInput("  " + tag.substring(0, 2) + "  ", 5, null)).execute();
        expectError(response, "BAD_USER_INPUT", "name");
        response.path("").valueIsNull();
        graphQl.documentName("getActiveProductsSortedById").execute()
                .path("getActiveProductsSortedById[*].name").entityList(String.class)
                .doesNotContain(tag.substring(0, 2));
    }

    @Test
    void a_name_with_a_nul_character_is_bad_user_input_and_stores_nothing() {
        String name = unique("Nul") + "\u0000inside";
        expectError(graphQl.documentName("createProduct").variable("inp", productInput(name, 5, null)).execute(),
                "BAD_USER_INPUT", "name");
        graphQl.documentName("searchActiveProductsByName").variable("search", name).execute()
                .path("searchActiveProductsByName").entityList(Object.class).hasSize(0);
    }

    @Test
    void a_name_longer_than_500_characters_is_bad_user_input() {
        expectError(graphQl.documentName("createProduct")
                .variable("inp", productInput("x".repeat(501), 5, null)).execute(), "BAD_USER_INPUT", "name");
    }

    @Test
    void a_negative_price_is_bad_user_input() {
        expectError(graphQl.documentName("createProduct")
                .variable("inp", productInput(unique("Mug"), -0.01, null)).execute(), "BAD_USER_INPUT", "price");
    }

    @Test
    void a_price_with_more_than_two_decimals_is_bad_user_input() {
        expectError(graphQl.documentName("createProduct")
                .variable("inp", productInput(unique("Mug"), 1.005, null)).execute(), "BAD_USER_INPUT", "price");
    }

    @Test
    void a_price_literal_beyond_the_float_range_is_a_validation_error_and_stores_nothing() {
        String name = unique("Infinite literal");
        var response = graphQl.document("mutation { createProduct(inp: {name: \"" + name + "\", price: 1e400}) { id } }")
                .execute();

        expectError(response, "GRAPHQL_VALIDATION_FAILED", null);
        response.errors().satisfy(errors -> assertThat(errors.getFirst().getMessage())
                .contains("'inp.price'").contains("out of range"));
        assertNotListed(name);
    }

    @Test
    void a_price_variable_beyond_the_float_range_is_bad_user_input_and_stores_nothing() throws Exception {
        String name = unique("Infinite variable");
        // Sent as raw JSON: a JSON number this large parses to an infinite double.
        JsonNode response = postJson("{\"query\":\"mutation($p: Float!) { createProduct(inp: {name: \\\"" + name
                + "\\\", price: $p}) { id } }\",\"variables\":{\"p\":1e400}}");

        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(response.at("/errors/0/message").asString()).contains("'p'").contains("out of range");
        assertNotListed(name);
    }

    @Test
    void a_finite_price_beyond_what_a_product_allows_is_bad_user_input_on_price() {
        String name = unique("Too dear");
        expectError(graphQl.document("mutation { createProduct(inp: {name: \"" + name + "\", price: 1e300}) { id } }")
                .execute(), "BAD_USER_INPUT", "price");
        assertNotListed(name);
    }

    @Test
    void a_price_filter_beyond_the_float_range_is_refused_as_literal_and_as_variable() throws Exception {
        for (String bound : List.of("1e400", "-1e400")) {
            var literal = graphQl.document("{ products(filter: {minPrice: " + bound + "}) { edges { cursor } } }")
                    .execute();
            expectError(literal, "GRAPHQL_VALIDATION_FAILED", null);
            literal.errors().satisfy(errors -> assertThat(errors.getFirst().getMessage())
                    .contains("'filter.minPrice'").contains("out of range"));
        }
        JsonNode variable = postJson("{\"query\":\"query($max: Float) { products(filter: {maxPrice: $max}) "
                + "{ edges { cursor } } }\",\"variables\":{\"max\":-1e400}}");
        assertThat(variable.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(variable.at("/errors/0/message").asString()).contains("'max'").contains("out of range");
        graphQl.document("{ products(filter: {minPrice: 1e300}) { edges { cursor } } }").execute().errors().verify()
                .path("products.edges").entityList(Object.class).hasSize(0);
    }

    private JsonNode postJson(String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonMapper.shared().readTree(response.body());
    }

    private void assertNotListed(String name) {
        graphQl.documentName("searchActiveProductsByName").variable("search", name).execute()
                .path("searchActiveProductsByName").entityList(Object.class).hasSize(0);
    }

    @Test
    void a_name_already_taken_ignoring_case_is_a_conflict() {
        String name = unique("Desk");
        createProduct(name, 100, null);
        expectError(graphQl.documentName("createProduct")
                .variable("inp", productInput(name.toUpperCase(), 100, null)).execute(), "CONFLICT", "name");
    }

    @Test
    void an_update_replaces_the_product_and_increments_its_version() {
        int id = createProduct(unique("Chair"), 50, null);
        String renamed = unique("Armchair");

        var response = graphQl.documentName("updateProduct")
                .variable("productId", id)
                .variable("input", productInput(renamed, 75.5, "INACTIVE"))
                .execute();

        response.path("updateProduct.name").entity(String.class).isEqualTo(renamed)
                .path("updateProduct.price").entity(Double.class).isEqualTo(75.5)
                .path("updateProduct.status").entity(String.class).isEqualTo("INACTIVE")
                .path("updateProduct.version").entity(Integer.class).isEqualTo(2);
        graphQl.documentName("product").variable("id", id).execute()
                .path("product.name").entity(String.class).isEqualTo(renamed);
    }

    @Test
    void an_update_with_a_stale_expected_version_is_a_conflict_and_changes_nothing() {
        String name = unique("Lamp");
        int id = createProduct(name, 20, null);
        graphQl.documentName("updateProduct").variable("productId", id)
                .variable("input", productInput(name, 21, null)).variable("expectedVersion", 1)
                .execute().path("updateProduct.version").entity(Integer.class).isEqualTo(2);

        var stale = graphQl.documentName("updateProduct").variable("productId", id)
                .variable("input", productInput(name, 99, null)).variable("expectedVersion", 1).execute();

        expectError(stale, "CONFLICT", "expectedVersion");
        graphQl.documentName("product").variable("id", id).execute()
                .path("product.price").entity(Double.class).isEqualTo(21.0)
                .path("product.version").entity(Integer.class).isEqualTo(2);
    }

    @Test
    void updating_a_product_that_does_not_exist_returns_null() {
        graphQl.documentName("updateProduct").variable("productId", 987654321)
                .variable("input", productInput(unique("Ghost"), 1, null)).execute()
                .path("updateProduct").valueIsNull();
    }

    @Test
    void deleting_a_product_answers_with_the_old_systems_messages() {
        int id = createProduct(unique("Sofa"), 300, null);

        graphQl.documentName("deleteProduct").variable("productId", id).execute()
                .path("deleteProduct").entity(String.class).isEqualTo("Product " + id + " deleted successfully.");
        graphQl.documentName("deleteProduct").variable("productId", id).execute()
                .path("deleteProduct").entity(String.class).isEqualTo("Product " + id + " not found.");
        graphQl.documentName("deleteProduct").variable("productId", 987654321).execute()
                .path("deleteProduct").entity(String.class).isEqualTo("Product 987654321 not found.");
        graphQl.documentName("product").variable("id", id).execute().path("product").valueIsNull();
    }

    @Test
    void a_deleted_products_name_can_be_used_again() {
        String name = unique("Table");
        int first = createProduct(name, 1, null);
        graphQl.documentName("deleteProduct").variable("productId", first).execute().path("deleteProduct")
                .entity(String.class).isEqualTo("Product " + first + " deleted successfully.");

        int second = createProduct(name, 2, null);

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void deleting_a_product_deletes_its_images() {
        int id = createProduct(unique("Bike"), 500, null);
        int imageId = createImage(id, "https://img.example.com/bike.png", 10);

        graphQl.documentName("deleteProduct").variable("productId", id).execute().path("deleteProduct")
                .entity(String.class).isEqualTo("Product " + id + " deleted successfully.");

        graphQl.documentName("getImage").variable("imageId", imageId).execute().path("getImage").valueIsNull();
        List<Map<String, Object>> all = graphQl.documentName("getAllImages").execute()
                .path("getAllImages").entity(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).get();
        assertThat(all).noneMatch(image -> image.get("id").equals(imageId));
    }

    @Test
    void search_finds_active_products_by_the_start_of_any_word_of_their_name() {
        String tag = "zq" + unique("").strip().replace("-", "");
        int active = createProduct("Gaming " + tag + " Laptop", 1500, "ACTIVE");
        createProduct("Office " + tag + " Laptop", 900, "INACTIVE");
        int other = createProduct("Gaming " + tag + " Mouse", 50, "ACTIVE");

        List<Integer> ids = graphQl.documentName("searchActiveProductsByName")
                .variable("search", tag.substring(0, tag.length() - 2) + " lapt").execute()
                .path("searchActiveProductsByName[*].id").entityList(Integer.class).get();

        assertThat(ids).containsExactly(active).doesNotContain(other);
    }

    @Test
    void search_input_with_query_syntax_is_treated_as_plain_words() {
        String tag = "qs" + unique("").strip().replace("-", "");
        int id = createProduct("Quoted " + tag, 5, null);

        var response = graphQl.documentName("searchActiveProductsByName")
                .variable("search", "& | !( ' \" :* " + tag + " <-> )").execute();

        response.errors().verify();
        response.path("searchActiveProductsByName[*].id").entityList(Integer.class).containsExactly(id);
    }

    @Test
    void active_products_are_listed_by_ascending_id_without_inactive_ones() {
        int a = createProduct(unique("Alpha"), 1, "ACTIVE");
        int b = createProduct(unique("Beta"), 2, "INACTIVE");
        int c = createProduct(unique("Gamma"), 3, "ACTIVE");

        List<Integer> ids = graphQl.documentName("getActiveProductsSortedById").execute()
                .path("getActiveProductsSortedById[*].id").entityList(Integer.class).get();

        assertThat(ids).isSorted().contains(a, c).doesNotContain(b);
        List<String> statuses = graphQl.documentName("getActiveProductsSortedById").execute()
                .path("getActiveProductsSortedById[*].status").entityList(String.class).get();
        assertThat(statuses).containsOnly("ACTIVE");
    }

    @Test
    void products_are_paged_forward_with_cursors_and_filters() {
        String tag = "pg" + unique("").strip().replace("-", "");
        int first = createProduct(tag + " one", 10, null);
        int second = createProduct(tag + " two", 20, null);
        int third = createProduct(tag + " three", 30, null);
        Map<String, Object> filter = Map.of("search", tag, "minPrice", 10, "maxPrice", 30);

        var page1 = graphQl.documentName("products").variable("first", 2).variable("filter", filter).execute();
        page1.path("products.edges[*].node.id").entityList(Integer.class).containsExactly(first, second)
                .path("products.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
        String end = page1.path("products.pageInfo.endCursor").entity(String.class).get();

        graphQl.documentName("products").variable("first", 2).variable("after", end).variable("filter", filter)
                .execute()
                .path("products.edges[*].node.id").entityList(Integer.class).containsExactly(third)
                .path("products.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

        graphQl.documentName("products").variable("filter", Map.of("search", tag, "minPrice", 15, "maxPrice", 25))
                .execute().path("products.edges[*].node.id").entityList(Integer.class).containsExactly(second);
    }

    @Test
    void a_page_size_outside_1_to_100_is_bad_user_input() {
        expectError(graphQl.documentName("products").variable("first", 0).execute(), "BAD_USER_INPUT", "first");
        expectError(graphQl.documentName("products").variable("first", 101).execute(), "BAD_USER_INPUT", "first");
    }

    @Test
    void a_cursor_this_api_did_not_make_is_bad_user_input() {
        expectError(graphQl.documentName("products").variable("after", "not-a-cursor").execute(),
                "BAD_USER_INPUT", "after");
    }
}
