package dev.catalog.gateway.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.CatalogInstance;
import dev.catalog.gateway.federation.Subgraph;
import dev.catalog.platform.database.DatabaseEndpoint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** A second instance shares this test's PostgreSQL, as in the many-processes deployment. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesAcrossInstancesTest extends ApiTest {

    @Autowired
    DatabaseEndpoint database;
    @Autowired
    EventProcessingConfiguration processing;

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
    void the_two_instances_never_claim_the_same_segment_of_an_asynchronous_processor() {
        // The second instance's coordinators try to claim every segment as soon as they start; all are
        // held by the first instance, so they must get none of them while the first one runs.
        String cascade = "product-image-cascade";
        Set<Integer> claimedHere = claimed(processing, cascade);
        Set<Integer> claimedThere = claimed(second.bean(EventProcessingConfiguration.class), cascade);

        assertThat(claimedHere).as("segments of the first instance").isNotEmpty();
        assertThat(claimedThere).as("segments claimed by both").doesNotContainAnyElementsOf(claimedHere);
    }

    private static Set<Integer> claimed(EventProcessingConfiguration processing, String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().keySet();
    }

    @Test
    void a_product_created_on_one_instance_is_read_at_once_on_the_other() {
        HttpGraphQlTester other = second.graphQl();
        for (int i = 0; i < 5; i++) {
            String name = unique("Across");
            int id = createProduct(name, 10 + i, null);
            other.documentName("product").variable("id", id).execute()
                    .path("product.name").entity(String.class).isEqualTo(name);
        }
    }

    @Test
    void writes_on_the_second_instance_are_read_at_once_on_the_first() {
        HttpGraphQlTester other = second.graphQl();
        for (int i = 0; i < 5; i++) {
            String name = unique("Back");
            int id = other.documentName("createProduct").variable("inp", productInput(name, 5, null)).execute()
                    .path("createProduct.id").entity(Integer.class).get();
            int imageId = other.documentName("createImage")
                    .variable("inp", imageInput("https://e.example.com/back.png", 50, id)).execute()
                    .path("createImage.id").entity(Integer.class).get();

            graphQl.documentName("product").variable("id", id).execute()
                    .path("product.name").entity(String.class).isEqualTo(name)
                    .path("product.images[0].id").entity(Integer.class).isEqualTo(imageId);

            other.documentName("deleteProduct").variable("productId", id).execute()
                    .path("deleteProduct").entity(String.class).isEqualTo("Product " + id + " deleted successfully.");
            graphQl.documentName("product").variable("id", id).execute().path("product").valueIsNull();
        }
    }

    @Test
    void a_product_written_through_the_products_subgraph_is_an_entity_of_the_images_subgraph_of_the_other_at_once() {
        HttpGraphQlTester productsThere = second.graphQlAt(Subgraph.PRODUCTS.path());
        HttpGraphQlTester imagesHere = graphQlAt(Subgraph.IMAGES.path());
        String productImages = """
                query($representations: [_Any!]!) {
                  _entities(representations: $representations) { ... on Product { id images { id } } }
                }""";
        for (int i = 0; i < 5; i++) {
            int id = productsThere.document("mutation($inp: ProductInput!) { createProduct(inp: $inp) { id } }")
                    .variable("inp", productInput(unique("Federated across"), 5, null)).execute()
                    .path("createProduct.id").entity(Integer.class).get();
            List<Map<String, Object>> representation = List.of(Map.of("__typename", "Product", "id", id));

            // What a gateway's query plan fetches next: the new product's images, from the images subgraph.
            imagesHere.document(productImages).variable("representations", representation).execute()
                    .path("_entities[0].id").entity(Integer.class).isEqualTo(id)
                    .path("_entities[0].images").entityList(Object.class).hasSize(0);

            productsThere.documentName("deleteProduct").variable("productId", id).execute()
                    .path("deleteProduct").entity(String.class).isEqualTo("Product " + id + " deleted successfully.");
            imagesHere.document(productImages).variable("representations", representation).execute()
                    .path("_entities[0]").valueIsNull();
        }
    }
}
