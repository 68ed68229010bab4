package dev.catalog.query.infrastructure;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.query.Events;
import dev.catalog.query.QuerySideTestApplication;
import dev.catalog.query.ViewRows;
import dev.catalog.query.product.ProductQueries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A view projection runs in the event's transaction: when it fails, the event is not stored either. */
@SpringBootTest(classes = QuerySideTestApplication.class)
class InlineProjectionTest {

    @Autowired
    Events events;
    @Autowired
    ViewRows views;
    @Autowired
    ProductQueries products;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void liftPoison() {
        PoisonSwitch.POISONED_NAMES.clear();
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    @Test
    void an_event_the_database_rejects_is_not_stored_and_other_products_keep_projecting() {
        long before = storedEvents();
        // numeric(15,2) holds 13 integer digits: this price makes the upsert fail inside PostgreSQL.
        assertThatThrownBy(() -> events.createProduct("Overflowing " + System.nanoTime(), "1000000000000000.00", ACTIVE))
                .hasStackTraceContaining("numeric field overflow");
        assertThat(storedEvents()).as("the append rolled back with the view").isEqualTo(before);

        long healthy = events.createProduct("Healthy " + System.nanoTime(), "1.00", ACTIVE);
        assertThat(views.productVersion(healthy)).hasValue(1);
    }

    @Test
    void once_the_cause_is_fixed_the_same_event_is_stored_and_projected() {
        String name = "Poisoned for now " + System.nanoTime();
        PoisonSwitch.POISONED_NAMES.add(name);
        assertThatThrownBy(() -> events.createProduct(name, "5.00", ACTIVE)).hasStackTraceContaining("Test poison");

        PoisonSwitch.POISONED_NAMES.remove(name);
        long id = events.createProduct(name, "5.00", ACTIVE);

        assertThat(products.findById(id, false)).hasValueSatisfying(product -> assertThat(product.name()).isEqualTo(name));
    }
}
