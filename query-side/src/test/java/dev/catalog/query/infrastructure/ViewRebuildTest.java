package dev.catalog.query.infrastructure;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static dev.catalog.events.product.ProductStatus.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.query.Await;
import dev.catalog.query.Events;
import dev.catalog.query.QuerySideTestApplication;
import dev.catalog.query.ViewRows;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

// Small pages, so even these few events take several pages.
@SpringBootTest(classes = QuerySideTestApplication.class, properties = "catalog.rebuild.page-size=7")
class ViewRebuildTest {

    @Autowired
    Events events;
    @Autowired
    ViewRows views;
    @Autowired
    ViewRebuild rebuild;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    private List<Map<String, Object>> rows(String table) {
        return jdbc.sql("SELECT * FROM " + table + " ORDER BY id").query().listOfRows();
    }

    private long tableOid(String table) {
        return jdbc.sql("SELECT CAST(to_regclass(:table) AS oid)").param("table", table).query(Long.class).single();
    }

    private long tablesIn(String schema) {
        return jdbc.sql("SELECT count(*) FROM pg_tables WHERE schemaname = :schema").param("schema", schema)
                .query(Long.class).single();
    }

    @Test
    void a_rebuilt_view_equals_the_events_and_replaces_the_live_table() {
        long kept = events.createProduct("Rebuilt " + System.nanoTime(), "3.50", ACTIVE);
        events.updateProduct(kept, "Rebuilt, renamed " + System.nanoTime(), "4.50", INACTIVE);
        long removed = events.createProduct("Rebuilt, removed " + System.nanoTime(), "1.00", ACTIVE);
        long image = events.createImage(kept, "https://img/rebuilt.png", 42);
        long movedImage = events.createImage(removed, "https://img/moved.png", 1);
        events.updateImage(movedImage, kept, removed, "https://img/moved-2.png", 2);
        events.deleteProduct(removed);
        List<Map<String, Object>> productRows = rows("product_view");
        List<Map<String, Object>> imageRows = rows("image_view");
        assertThat(imageRows).extracting(row -> row.get("id")).contains(image, movedImage);
        jdbc.sql("UPDATE product_view SET name = 'damaged' WHERE id = ?").param(kept).update();
        long productTable = tableOid("product_view");

        long replayed = rebuild.rebuild(ProjectionGroups.PRODUCT_VIEW);
        rebuild.rebuild(ProjectionGroups.IMAGE_VIEW);

        assertThat(replayed).isGreaterThanOrEqualTo(7);
        assertThat(rows("product_view")).isEqualTo(productRows);
        assertThat(rows("image_view")).isEqualTo(imageRows);
        assertThat(tableOid("product_view")).isNotEqualTo(productTable);
        assertThat(jdbc.sql("SELECT indexname FROM pg_indexes WHERE tablename = 'product_view' ORDER BY 1")
                .query(String.class).list())
                .containsExactly("product_view_name_tsv_idx", "product_view_pkey", "product_view_status_id_idx");
        assertThat(jdbc.sql("""
                        SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class
                         WHERE oid = 'product_view_name_tsv_idx'::regclass""").query(String.class).single())
                .as("the rebuilt name index keeps its options").isEqualTo("fastupdate=off");
        assertThat(tablesIn("catalog_rebuild") + tablesIn("catalog_retired")).isZero();
        ViewRebuild.Progress done = rebuild.progress(ProjectionGroups.PRODUCT_VIEW).orElseThrow();
        assertThat(done.state()).isEqualTo(ViewRebuild.State.DONE);
        assertThat(done.eventsDone()).isEqualTo(replayed);
        assertThat(done.heldBackMillis()).isNotNull();
        assertThat(rebuild.abort(ProjectionGroups.PRODUCT_VIEW)).as("nothing in progress").isEqualTo(ViewRebuild.Aborted.NONE);
    }

    @Test
    void writes_during_a_rebuild_reach_the_new_view() throws Exception {
        long before = events.createProduct("Before the rebuild " + System.nanoTime(), "1.00", ACTIVE);
        CompletableFuture<Long> rebuilding = rebuild.begin(ProjectionGroups.PRODUCT_VIEW);
        List<Long> during = new ArrayList<>();
        int updates = 0;
        while (!rebuilding.isDone() || during.size() < 20) {
            during.add(events.createProduct("During the rebuild " + System.nanoTime(), "2.00", ACTIVE));
            events.updateProduct(before, "Renamed during the rebuild " + System.nanoTime(), "3.00", ACTIVE);
            updates++;
        }
        rebuilding.get(60, TimeUnit.SECONDS);

        assertThat(views.productVersion(before)).hasValue(1 + updates);
        for (long id : during) {
            assertThat(views.productVersion(id)).as("product %d", id).hasValue(1);
        }
    }

    @Test
    void a_rebuild_stopped_at_the_switch_resumes_and_one_aborted_leaves_the_live_view() throws Exception {
        long product = events.createProduct("Held up " + System.nanoTime(), "1.00", ACTIVE);
        List<Map<String, Object>> live = rows("product_view");
        long liveTable = tableOid("product_view");
        try (Connection writer = dataSource.getConnection(); Statement statement = writer.createStatement()) {
            // A command that wrote the view and has not committed: the switch cannot take the view's lock.
            writer.setAutoCommit(false);
            statement.execute("LOCK TABLE product_view IN ROW EXCLUSIVE MODE");
            CompletableFuture<Long> first = rebuild.begin(ProjectionGroups.PRODUCT_VIEW);
            Await.until("the rebuild to reach the switch", () -> rebuild.progress(ProjectionGroups.PRODUCT_VIEW)
                    .filter(progress -> progress.state() == ViewRebuild.State.SWITCHING).isPresent());

            rebuild.stop();
            assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasMessageContaining("stopped");
            rebuild.start();
            ViewRebuild.Progress stopped = rebuild.progress(ProjectionGroups.PRODUCT_VIEW).orElseThrow();
            assertThat(stopped.running()).isFalse();
            assertThat(stopped.position()).isPositive();
            assertThat(tablesIn("catalog_rebuild")).isEqualTo(1);
            assertThat(rows("product_view")).isEqualTo(live);

            CompletableFuture<Long> resumed = rebuild.begin(ProjectionGroups.PRODUCT_VIEW);
            Await.until("the rebuild to reach the switch", () -> rebuild.progress(ProjectionGroups.PRODUCT_VIEW)
                    .filter(progress -> progress.running() && progress.state() == ViewRebuild.State.SWITCHING)
                    .isPresent());
            assertThat(rebuild.progress(ProjectionGroups.PRODUCT_VIEW).orElseThrow().eventsDone())
                    .as("resumed, not started over").isEqualTo(stopped.eventsDone());

            assertThat(rebuild.abort(ProjectionGroups.PRODUCT_VIEW)).isEqualTo(ViewRebuild.Aborted.ABORTED);
            assertThatThrownBy(() -> resumed.get(30, TimeUnit.SECONDS)).hasMessageContaining("aborted");
            writer.rollback();
        }
        assertThat(rebuild.progress(ProjectionGroups.PRODUCT_VIEW)).isEmpty();
        assertThat(tablesIn("catalog_rebuild")).isZero();
        assertThat(tableOid("product_view")).isEqualTo(liveTable);
        assertThat(rows("product_view")).isEqualTo(live);
        assertThat(views.productVersion(product)).hasValue(1);
    }

    @Test
    void a_view_rebuilding_elsewhere_is_not_rebuilt_twice() throws Exception {
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + 0x43544c47 + ", 1)"); // the image view's rebuild lock

            assertThatThrownBy(() -> rebuild.begin(ProjectionGroups.IMAGE_VIEW))
                    .isInstanceOf(ViewRebuild.RunningElsewhereException.class);

            statement.execute("SELECT pg_advisory_unlock(" + 0x43544c47 + ", 1)");
        }
        assertThatThrownBy(() -> rebuild.begin("product-image-cascade")).isInstanceOf(IllegalArgumentException.class);
    }
}
