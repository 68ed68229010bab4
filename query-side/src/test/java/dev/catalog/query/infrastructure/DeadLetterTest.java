package dev.catalog.query.infrastructure;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.query.Await;
import dev.catalog.query.Events;
import dev.catalog.query.QuerySideTestApplication;
import dev.catalog.query.product.ProductQueries;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = QuerySideTestApplication.class)
class DeadLetterTest {

    @Autowired
    Events events;
    @Autowired
    ProductQueries products;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionsHealthIndicator health;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void liftPoison() {
        PoisonSwitch.POISONED_NAMES.clear();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> productDeadLetters() {
        return processing.deadLetterQueue(ProjectionGroups.PRODUCT_VIEW).orElseThrow();
    }

    @Test
    void an_event_the_database_rejects_is_parked_with_its_successors_while_other_products_keep_projecting() {
        // numeric(15,2) holds 13 integer digits: this price makes the upsert fail inside PostgreSQL,
        // which aborts the statement; the savepoint keeps the processor's transaction usable.
        long poisoned = events.createProduct("Overflowing " + System.nanoTime(), "1000000000000000.00", ACTIVE);
        events.updateProduct(poisoned, "Overflowing, fixed " + System.nanoTime(), "1.00", ACTIVE);
        long healthy = events.createProduct("Healthy " + System.nanoTime(), "1.00", ACTIVE);

        Await.until("the healthy product is projected", () -> products.versionOf(healthy).isPresent());
        Await.until("both events of the poisoned product are dead-lettered", () -> jdbc.sql("""
                        SELECT count(*) FROM deadletterentry
                         WHERE processingGroup = 'product-view' AND sequenceIdentifier = :sequence
                        """).param("sequence", "product-" + poisoned).query(Long.class).single() == 2L);

        assertThat(products.versionOf(poisoned)).as("never skipped to the update").isEmpty();
        assertThat(productDeadLetters().contains("product-" + poisoned)).isTrue();
        assertThat(jdbc.sql("""
                        SELECT causeMessage FROM deadletterentry
                         WHERE sequenceIdentifier = :sequence ORDER BY sequenceIndex LIMIT 1
                        """).param("sequence", "product-" + poisoned).query(String.class).single())
                .containsIgnoringCase("numeric field overflow");

        // Still poisoned after retries: the periodic retry leaves a failing sequence in place.
        processing.sequencedDeadLetterProcessor(ProjectionGroups.PRODUCT_VIEW).orElseThrow().processAny();
        assertThat(products.versionOf(poisoned)).isEmpty();

        Health report = health.health();
        assertThat(report.getStatus()).isEqualTo(Status.UP);
        assertThat(report.getDetails()).containsKey("warning");
        assertThat(report.getDetails().get(ProjectionGroups.PRODUCT_VIEW)).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("running", true)
                .containsEntry("error", false)
                .hasEntrySatisfying("deadLetters", letters -> assertThat((Long) letters).isGreaterThanOrEqualTo(2L));
    }

    @Test
    void a_dead_letter_is_retried_periodically_and_projected_once_the_cause_is_gone() {
        String name = "Poisoned for now " + System.nanoTime();
        PoisonSwitch.POISONED_NAMES.add(name);
        long poisoned = events.createProduct(name, "5.00", ACTIVE);
        long healthy = events.createProduct("Unaffected " + System.nanoTime(), "1.00", ACTIVE);

        Await.until("the poisoned creation is dead-lettered",
                    () -> productDeadLetters().contains("product-" + poisoned));
        Await.until("the other product is projected", () -> products.versionOf(healthy).isPresent());

        PoisonSwitch.POISONED_NAMES.remove(name);

        // catalog.projections.dead-letter-retry-interval is 1 s in the tests.
        Await.until("the retried event is projected", () -> products.findById(poisoned, false)
                .filter(p -> p.name().equals(name)).isPresent());
        Await.until("the dead letter is gone", () -> !productDeadLetters().contains("product-" + poisoned));
    }
}
