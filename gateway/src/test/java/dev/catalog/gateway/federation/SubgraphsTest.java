package dev.catalog.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.SqlStatementCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Each subgraph on its own, as a federation gateway sees it: its SDL, its entities, its fields. */
class SubgraphsTest extends ApiTest {

    private static final String PRODUCT_ENTITIES = """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) {
                ... on Product { id name price status version }
              }
            }""";
    private static final String PRODUCT_IMAGES_ENTITIES = """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) {
                ... on Product { id images { id url priority productId } }
              }
            }""";
    private static final String IMAGE_ENTITIES = """
            query($representations: [_Any!]!) {
              _entities(representations: $representations) { ... on Image { id url priority productId } }
            }""";

    private HttpGraphQlTester subgraph(String name) {
        return graphQlAt("/subgraphs/" + name + "/graphql");
    }

    private String sdl(String subgraph) {
        return subgraph(subgraph).document("{ _service { sdl } }").execute().path("_service.sdl").entity(String.class).get();
    }

    private static List<Map<String, Object>> products(int... ids) {
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int id : ids) {
            representations.add(Map.of("__typename", "Product", "id", id));
        }
        return representations;
    }

    private static List<Map<String, Object>> images(int... ids) {
        List<Map<String, Object>> representations = new ArrayList<>();
        for (int id : ids) {
            representations.add(Map.of("__typename", "Image", "id", id));
        }
        return representations;
    }

    @Test
    void each_subgraph_declares_federation_2_and_its_entity_keys() {
        String products = sdl("products");
        String images = sdl("images");

        assertThat(products).containsPattern("schema @link\\(.*\"https://specs.apollo.dev/federation/v2.7\"")
                .containsPattern("type Product @key\\(fields ?: ?\"id\"")
                .contains("createProduct(", "searchActiveProductsByName(", "products(")
                .doesNotContain("images: [Image", "type Image", "getAllImages", "projections");
        assertThat(images).containsPattern("schema @link\\(.*\"https://specs.apollo.dev/federation/v2.7\"")
                .containsPattern("type Product @key\\(fields ?: ?\"id\"")
                .containsPattern("type Image @key\\(fields ?: ?\"id\"")
                .contains("images: [Image!]!", "createImage(", "getAllImages")
                .doesNotContain("price: Float!", "createProduct(", "projections");
    }

    @Test
    void product_entities_come_back_in_the_order_asked_and_null_for_an_unknown_id() {
        int first = createProduct(unique("Entity first"), 1, null);
        int second = createProduct(unique("Entity second"), 2, "INACTIVE");
        createImage(second, "https://e.example.com/entities/second.png", 50);

        var products = subgraph("products").document(PRODUCT_ENTITIES)
                .variable("representations", products(second, 999_999_999, first)).execute();
        var images = subgraph("images").document(PRODUCT_IMAGES_ENTITIES)
                .variable("representations", products(second, 999_999_999, first)).execute();

        products.path("_entities[*].id").entityList(Integer.class).containsExactly(second, first);
        products.path("_entities[1]").valueIsNull();
        products.path("_entities[0].status").entity(String.class).isEqualTo("INACTIVE");
        images.path("_entities[0].images[*].url").entityList(String.class)
                .containsExactly("https://e.example.com/entities/second.png");
        images.path("_entities[1]").valueIsNull();
        images.path("_entities[2].images").entityList(Object.class).hasSize(0);
    }

    @Test
    void image_entities_resolve_in_the_images_subgraph() {
        int product = createProduct(unique("Entity images"), 3, null);
        int image = createImage(product, "https://e.example.com/entities/image.png", 7);

        subgraph("images").document(IMAGE_ENTITIES).variable("representations", images(image, 999_999_998)).execute()
                .path("_entities[0]").entity(Map.class).isEqualTo(Map.of("id", image,
                        "url", "https://e.example.com/entities/image.png", "priority", 7, "productId", product))
                .path("_entities[1]").valueIsNull();
    }

    /**
     * Each entity type of each subgraph: one read, and for products with their images one more, the cost model's
     * count of all images (the cap of a product list's images); the same for 3 representations as for 60.
     */
    @Test
    void entities_cost_the_same_statements_for_3_or_60_representations() {
        int[] productIds = new int[60];
        int[] imageIds = new int[60];
        for (int i = 0; i < productIds.length; i++) {
            productIds[i] = createProduct(unique("Entity batch " + i), i, null);
            imageIds[i] = createImage(productIds[i], "https://e.example.com/entities/batch/" + i + ".png", 10);
        }
        List<Integer> eachProductsImage = Arrays.stream(imageIds).boxed().toList();

        assertSameStatements(1, "products", PRODUCT_ENTITIES, products(productIds));
        assertSameStatements(2, "images", PRODUCT_IMAGES_ENTITIES, products(productIds))
                .path("_entities[*].images[*].id").entityList(Integer.class).isEqualTo(eachProductsImage);
        assertSameStatements(1, "images", IMAGE_ENTITIES, images(imageIds));
    }

    /**
     * The view reads of the first 3 representations and of all of them, each resolved in order: {@code expected}.
     * Answers the response for all of them.
     */
    private GraphQlTester.Response assertSameStatements(int expected, String subgraph, String document,
                                                        List<Map<String, Object>> representations) {
        List<Integer> ids = representations.stream().map(representation -> (Integer) representation.get("id")).toList();
        SqlStatementCounter.takeViewReads();
        subgraph(subgraph).document(document).variable("representations", representations.subList(0, 3)).execute()
                .path("_entities[*].id").entityList(Integer.class).isEqualTo(ids.subList(0, 3));
        int few = SqlStatementCounter.takeViewReads();
        GraphQlTester.Response all = subgraph(subgraph).document(document)
                .variable("representations", representations).execute();
        all.path("_entities[*].id").entityList(Integer.class).isEqualTo(ids);
        int many = SqlStatementCounter.takeViewReads();

        assertThat(List.of(few, many)).as(subgraph + ": " + document).containsExactly(expected, expected);
        return all;
    }

    @Test
    void a_representation_without_an_integer_id_is_bad_user_input() {
        var response = subgraph("products").document(PRODUCT_ENTITIES)
                .variable("representations", List.of(Map.of("__typename", "Product", "id", "seven"))).execute();

        expectError(response, "BAD_USER_INPUT", "representations");
    }

    @Test
    void a_representation_of_an_unknown_type_or_of_an_entity_another_subgraph_owns_is_bad_user_input() {
        for (String type : List.of("Review", "Image")) {
            var response = subgraph("products").document("""
                            query($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }""")
                    .variable("representations", List.of(Map.of("__typename", type, "id", 1))).execute();

            expectError(response, "BAD_USER_INPUT", "representations");
        }
    }

    @Test
    void the_subgraphs_serve_the_fields_they_own_as_the_combined_endpoint_does() {
        String name = unique("Subgraph field");
        int product = createProduct(name, 12.5, null);
        int image = createImage(product, "https://e.example.com/subgraph/field.png", 40);

        subgraph("products").document("query($id: Int!) { product(id: $id) { id name } }").variable("id", product).execute()
                .path("product.name").entity(String.class).isEqualTo(name);
        subgraph("images").documentName("getImage").variable("imageId", image).execute()
                .path("getImage.productId").entity(Integer.class).isEqualTo(product);
        // A field another subgraph owns is not part of this one.
        expectError(subgraph("products").document("{ getAllImages { id } }").execute(), "GRAPHQL_VALIDATION_FAILED", null);
        expectError(subgraph("images").document("{ projections { name } }").execute(), "GRAPHQL_VALIDATION_FAILED", null);
    }
}
