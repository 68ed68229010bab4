package dev.catalog.gateway.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.CatalogInstance;
import dev.catalog.gateway.TestInfrastructureDatabase;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The embedded database keeps everything in its data directory across a stop and a start (on the embedded PostgreSQL
 * whatever the tests' infrastructure: it is the subject).
 */
class RestartTest {

    private final Path dataDir = Path.of("target", "test-db", "restart-" + UUID.randomUUID());

    @Test
    void a_restart_on_the_same_data_directory_finds_every_product_and_image_again() {
        int productId;
        int imageId;
        try (CatalogInstance first = CatalogInstance.start("catalog.data-dir=" + dataDir,
                TestInfrastructureDatabase.OWN_EMBEDDED_DATABASE + "=true")) {
            productId = first.graphQl().documentName("createProduct")
                    .variable("inp", Map.of("name", "Persistent lamp", "price", 42.5)).execute()
                    .path("createProduct.id").entity(Integer.class).get();
            imageId = first.graphQl().documentName("createImage")
                    .variable("inp", Map.of("url", "https://e.example.com/lamp.png", "productId", productId))
                    .execute().path("createImage.id").entity(Integer.class).get();
        }

        try (CatalogInstance second = CatalogInstance.start("catalog.data-dir=" + dataDir,
                TestInfrastructureDatabase.OWN_EMBEDDED_DATABASE + "=true")) {
            second.graphQl().documentName("product").variable("id", productId).execute()
                    .path("product.name").entity(String.class).isEqualTo("Persistent lamp")
                    .path("product.price").entity(Double.class).isEqualTo(42.5)
                    .path("product.images[0].id").entity(Integer.class).isEqualTo(imageId);
            int next = second.graphQl().documentName("createProduct")
                    .variable("inp", Map.of("name", "Persistent desk", "price", 1)).execute()
                    .path("createProduct.id").entity(Integer.class).get();
            assertThat(next).isGreaterThan(productId);
            second.graphQl().documentName("createProduct")
                    .variable("inp", Map.of("name", "persistent LAMP", "price", 1)).execute()
                    .errors().satisfy(errors -> assertThat(errors).singleElement()
                            .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "CONFLICT")));
        }
    }
}
