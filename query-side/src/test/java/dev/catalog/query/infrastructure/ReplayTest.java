package dev.catalog.query.infrastructure;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static dev.catalog.events.product.ProductStatus.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.query.Await;
import dev.catalog.query.Events;
import dev.catalog.query.QuerySideTestApplication;
import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.product.ProductQueries;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ReplayTest {

    @Autowired
    Events events;
    @Autowired
    ProductQueries products;
    @Autowired
    ImageQueries images;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcClient jdbc;

    private List<Map<String, Object>> rows(String table) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY id").query().listOfRows();
    }

    @Test
    void resetting_the_processors_and_replaying_rebuilds_identical_views() {
        long kept = events.createProduct("Replayed " + System.nanoTime(), "3.50", ACTIVE);
        events.updateProduct(kept, "Replayed, renamed " + System.nanoTime(), "4.50", INACTIVE);
        long removed = events.createProduct("Replayed, removed " + System.nanoTime(), "1.00", ACTIVE);
        long image = events.createImage(kept, "https://img/replayed.png", 42);
        long movedImage = events.createImage(removed, "https://img/moved.png", 1);
        events.updateImage(movedImage, kept, removed, "https://img/moved-2.png", 2);
        events.deleteProduct(removed);
        Await.until("all is projected", () -> products.versionOf(kept).orElse(0) == 2
                && products.versionOf(removed).isEmpty()
                && images.versionOf(image).isPresent()
                && images.versionOf(movedImage).orElse(0) == 2);
        List<Map<String, Object>> productRows = rows("product_view");
        List<Map<String, Object>> imageRows = rows("image_view");
        assertThat(productRows).isNotEmpty();

        for (String group : ProjectionGroups.ALL) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }

        Await.until("the replay has rebuilt both views", () -> rows("product_view").equals(productRows)
                && rows("image_view").equals(imageRows)
                && ProjectionGroups.ALL.stream().noneMatch(group -> processing
                        .eventProcessor(group, StreamingEventProcessor.class).orElseThrow().isReplaying()));
        assertThat(rows("product_view")).isEqualTo(productRows);
        assertThat(rows("image_view")).isEqualTo(imageRows);
    }

    @Test
    void a_reset_empties_the_view_in_the_same_transaction_as_the_token_reset() {
        StreamingEventProcessor processor = processing
                .eventProcessor(ProjectionGroups.IMAGE_VIEW, StreamingEventProcessor.class).orElseThrow();
        long productId = events.createProduct("Reset " + System.nanoTime(), "1.00", ACTIVE);
        long image = events.createImage(productId, "https://img/reset.png", 1);
        Await.until("image is projected", () -> images.versionOf(image).isPresent());

        processor.shutDown();
        try {
            processor.resetTokens();
            assertThat(rows("image_view")).as("emptied by the reset handler").isEmpty();
        } finally {
            processor.start();
        }
        Await.until("the image is back after the replay", () -> images.versionOf(image).isPresent());
    }
}
