package dev.catalog.gateway.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With the product view's projection stopped, a mutation still commits, answers with the state it
 * wrote after the bounded wait, and says in {@code extensions.consistency} that the view is pending;
 * once the projection runs again the view catches up.
 */
@TestPropertySource(properties = "catalog.read-your-writes.timeout=300ms")
class StalledViewTest extends ApiTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void a_write_whose_view_is_stalled_succeeds_and_reports_the_view_as_pending() {
        EventProcessor productView = processing.eventProcessor("product-view").orElseThrow();
        String name = unique("Stalled");
        productView.shutDown();
        int id;
        try {
            var response = graphQl.documentName("createProduct").variable("inp", productInput(name, 7.5, null))
                    .execute();

            response.errors().verify();
            response.path("createProduct.name").entity(String.class).isEqualTo(name)
                    .path("createProduct.price").entity(Double.class).isEqualTo(7.5)
                    .path("createProduct.version").entity(Integer.class).isEqualTo(1);
            id = response.path("createProduct.id").entity(Integer.class).get();
            @SuppressWarnings("unchecked")
            var consistency = (Map<String, Object>) response.returnResponse().getExtensions().get("consistency");
            assertThat(consistency).containsEntry("writeCommitted", true).containsEntry("viewPending", true);
            assertThat((List<?>) consistency.get("pending")).singleElement().isEqualTo(Map.of(
                    "path", List.of("createProduct"), "entity", "Product", "id", id, "version", 1));
        } finally {
            productView.start();
        }

        graphQl.documentName("createImage")
                .variable("inp", imageInput("https://e.example.com/stalled.png", 1, id)).execute()
                .errors().verify();
        graphQl.documentName("product").variable("id", id).execute()
                .path("product.name").entity(String.class).isEqualTo(name);
    }
}
