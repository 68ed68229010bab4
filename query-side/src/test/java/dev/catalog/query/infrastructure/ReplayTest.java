package dev.catalog.query.infrastructure;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static dev.catalog.events.product.ProductStatus.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.query.Events;
import dev.catalog.query.ViewRows;
import dev.catalog.query.QuerySideTestApplication;
import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.product.ProductQueries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ReplayTest {

    @Autowired
    Events events;
    @Autowired
    ViewRows views;
    @Autowired
    ProductQueries products;
    @Autowired
    ImageQueries images;
    @Autowired
    ViewReplay replay;
    @Autowired
    JdbcClient jdbc;

    private List<Map<String, Object>> rows(String table) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY id").query().listOfRows();
    }

    @Test
    void replaying_the_events_rebuilds_identical_views() throws Exception {
        long kept = events.createProduct("Replayed " + System.nanoTime(), "3.50", ACTIVE);
        events.updateProduct(kept, "Replayed, renamed " + System.nanoTime(), "4.50", INACTIVE);
        long removed = events.createProduct("Replayed, removed " + System.nanoTime(), "1.00", ACTIVE);
        long image = events.createImage(kept, "https://img/replayed.png", 42);
        long movedImage = events.createImage(removed, "https://img/moved.png", 1);
        events.updateImage(movedImage, kept, removed, "https://img/moved-2.png", 2);
        events.deleteProduct(removed);
        List<Map<String, Object>> productRows = rows("product_view");
        List<Map<String, Object>> imageRows = rows("image_view");
        assertThat(productRows).isNotEmpty();
        assertThat(imageRows).extracting(row -> row.get("id")).contains(image, movedImage);
        jdbc.sql("UPDATE product_view SET name = 'damaged' WHERE id = ?").param(kept).update();

        long replayed = replay.rebuild();

        assertThat(replayed).isGreaterThanOrEqualTo(7);
        assertThat(rows("product_view")).isEqualTo(productRows);
        assertThat(rows("image_view")).isEqualTo(imageRows);
    }

    @Test
    void writes_during_a_replay_end_up_in_the_views_too() throws Exception {
        long before = events.createProduct("Before the replay " + System.nanoTime(), "1.00", ACTIVE);
        var rebuilding = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return replay.rebuild();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long during = events.createProduct("During the replay " + System.nanoTime(), "2.00", ACTIVE);
        events.updateProduct(before, "Renamed during the replay " + System.nanoTime(), "3.00", ACTIVE);

        rebuilding.get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(views.productVersion(before)).hasValue(2);
        assertThat(views.productVersion(during)).hasValue(1);
    }
}
