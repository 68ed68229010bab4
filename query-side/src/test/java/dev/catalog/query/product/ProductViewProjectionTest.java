package dev.catalog.query.product;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static dev.catalog.events.product.ProductStatus.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.query.Await;
import dev.catalog.query.Events;
import dev.catalog.query.ViewRows;
import dev.catalog.query.QuerySideTestApplication;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ProductViewProjectionTest {

    @Autowired
    Events events;
    @Autowired
    ViewRows views;
    @Autowired
    ProductQueries products;
    @Autowired
    ProductViewProjection projection;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_created_product_appears_with_its_state_version_one_and_the_event_time() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long id = events.createProduct("Laptop Pro", "1299.90", ACTIVE);

        ProductView view = Await.value("product is projected", () -> products.findById(id, false).orElse(null));

        assertThat(view.name()).isEqualTo("Laptop Pro");
        assertThat(view.price()).isEqualByComparingTo("1299.90");
        assertThat(view.price().scale()).isEqualTo(2);
        assertThat(view.status()).isEqualTo(ACTIVE);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.createdAt()).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now());
        assertThat(view.updatedAt()).isEqualTo(view.createdAt());
        assertThat(view.images()).isNull();
        assertThat(views.productVersion(id)).hasValue(1);
    }

    @Test
    void an_update_replaces_the_state_bumps_the_version_and_keeps_the_creation_time() {
        long id = events.createProduct("Desk Lamp", "19.99", ACTIVE);
        ProductView created = Await.value("created", () -> products.findById(id, false).orElse(null));

        events.updateProduct(id, "Desk Lamp XL", "24.50", INACTIVE);
        Await.until("update is projected", () -> views.productVersion(id).orElse(0) == 2);

        ProductView updated = products.findById(id, false).orElseThrow();
        assertThat(updated.name()).isEqualTo("Desk Lamp XL");
        assertThat(updated.price()).isEqualByComparingTo("24.50");
        assertThat(updated.status()).isEqualTo(INACTIVE);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(created.updatedAt());
    }

    @Test
    void a_deleted_product_disappears_and_has_no_version() {
        long id = events.createProduct("Old Chair", "5.00", ACTIVE);
        Await.until("created", () -> views.productVersion(id).isPresent());

        events.deleteProduct(id);

        Await.until("deletion is projected", () -> views.productVersion(id).isEmpty());
        assertThat(products.findById(id, true)).isEmpty();
    }

    @Test
    void the_same_event_handled_twice_leaves_the_same_view() {
        long id = events.createProduct("Twice Told", "10.00", ACTIVE);
        events.updateProduct(id, "Twice Told II", "11.00", ACTIVE);
        Await.until("both events are projected", () -> views.productVersion(id).orElse(0) == 2);
        ProductView before = products.findById(id, false).orElseThrow();

        // Redeliver both events (as after a crash before the token commit), in the processor's
        // transaction as Axon would.
        ProductId productId = new ProductId(id);
        transaction.executeWithoutResult(status -> {
            projection.on(new ProductCreatedEvent(productId, "Twice Told", new BigDecimal("10.00"), ACTIVE), 0, Instant.now());
            projection.on(new ProductUpdatedEvent(productId, "Twice Told II", new BigDecimal("11.00"), ACTIVE), 1, Instant.now());
        });

        assertThat(products.findById(id, false)).contains(before);
    }

    @Test
    void an_older_event_never_overwrites_newer_state() {
        long id = events.createProduct("Newer Wins", "1.00", ACTIVE);
        events.updateProduct(id, "Newer Wins Indeed", "2.00", INACTIVE);
        Await.until("both events are projected", () -> views.productVersion(id).orElse(0) == 2);

        transaction.executeWithoutResult(status -> projection.on(
                new ProductUpdatedEvent(new ProductId(id), "Stale", new BigDecimal("3.00"), ACTIVE), 0, Instant.now()));

        assertThat(products.findById(id, false).orElseThrow().name()).isEqualTo("Newer Wins Indeed");
    }

    @Test
    void deleting_twice_is_harmless() {
        long id = events.createProduct("Gone Twice", "1.00", ACTIVE);
        Await.until("created", () -> views.productVersion(id).isPresent());
        events.deleteProduct(id);
        Await.until("deletion is projected", () -> views.productVersion(id).isEmpty());

        transaction.executeWithoutResult(status -> projection.on(new ProductDeletedEvent(new ProductId(id))));

        assertThat(views.productVersion(id)).isEmpty();
    }
}
