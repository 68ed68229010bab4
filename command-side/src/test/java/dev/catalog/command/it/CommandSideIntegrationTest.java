package dev.catalog.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.catalog.platform.testing.TestDatabase;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.common.CommandRejectedException.Reason;
import dev.catalog.events.image.CreateImageCommand;
import dev.catalog.events.image.DeleteImageCommand;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageState;
import dev.catalog.events.image.UpdateImageCommand;
import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductState;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.events.product.UpdateProductCommand;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The command side as the application runs it: Spring Boot, Flyway, Axon with the JDBC event store
 * and the Jackson 3 serializer, on a real PostgreSQL; commands go through the CommandGateway.
 */
@SpringBootTest(classes = CommandSideTestApplication.class, properties = {
        "axon.axonserver.enabled=false",
        "axon.serializer.general=jackson3",
        "axon.serializer.events=jackson3",
        "axon.serializer.messages=jackson3",
        "spring.flyway.locations=" + TestDatabase.PLATFORM_MIGRATIONS + "," + TestDatabase.COMMAND_MIGRATIONS,
        "catalog.events.wake-interval=100ms",
})
class CommandSideIntegrationTest {

    private static final BigDecimal PRICE = new BigDecimal("10.00");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // An external database, configured as an operator would.
        var database = TestDatabase.createDatabase("command_side_it");
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EventStore eventStore;

    @Test
    void the_axon_infrastructure_is_jdbc_with_spring_transactions_and_jackson3(
            @Autowired TransactionManager axonTransactions,
            @Autowired EventStorageEngine storageEngine,
            @Autowired @Qualifier("eventSerializer") Serializer eventSerializer) {
        assertThat(axonTransactions).isInstanceOf(SpringTransactionManager.class);
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(eventSerializer).isInstanceOf(Jackson3Serializer.class);
    }

    @Test
    void an_open_event_stream_is_woken_on_the_next_tick_after_a_local_command_commits() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        try (var stream = eventStore.openStream(eventStore.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(woken::countDown)).isTrue();

            createProduct("Wake-up lamp");

            assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void a_created_product_is_stored_as_one_bytea_json_event() {
        ProductId id = createProduct("Stored lamp");

        Map<String, Object> row = jdbc.sql("""
                SELECT sequencenumber, type, payloadtype, payloadrevision, pg_typeof(payload)::text AS payload_column,
                       convert_from(payload, 'UTF8') AS json
                FROM domainevententry WHERE aggregateidentifier = ?""")
                .param(id.toString()).query().singleRow();
        assertThat(row).containsEntry("sequencenumber", 0L)
                .containsEntry("type", "Product")
                .containsEntry("payloadtype", ProductCreatedEvent.class.getName())
                .containsEntry("payloadrevision", "1")
                .containsEntry("payload_column", "bytea");
        assertThat((String) row.get("json"))
                .contains("\"name\":\"Stored lamp\"", "\"price\":10.00", "\"productId\":" + id.value(), "\"status\":\"ACTIVE\"");
        assertThat(registeredName(id)).isEqualTo(1);
    }

    @Test
    void a_rejected_command_stores_nothing() {
        createProduct("Taken name");
        long events = eventRows();
        long registry = productRegistryRows();

        assertThatThrownBy(() -> commands.sendAndWait(new CreateProductCommand("TAKEN NAME", PRICE, null)))
                .isInstanceOfSatisfying(CommandRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.field()).isEqualTo("name");
                });
        assertThatThrownBy(() -> commands.sendAndWait(new CreateProductCommand("Bad price", new BigDecimal("-1"), null)))
                .isInstanceOf(CommandRejectedException.class);

        assertThat(eventRows()).isEqualTo(events);
        assertThat(productRegistryRows()).isEqualTo(registry);
    }

    @Test
    void events_and_registry_rows_commit_or_roll_back_together() {
        long events = eventRows();
        long registry = productRegistryRows();

        // The command joins the surrounding Spring transaction; rolling that back must undo both
        // the event append and the registry claim, which proves they share one transaction.
        transactions.executeWithoutResult(status -> {
            commands.sendAndWait(new CreateProductCommand("Rolled back lamp", PRICE, null));
            status.setRollbackOnly();
        });

        assertThat(eventRows()).isEqualTo(events);
        assertThat(productRegistryRows()).isEqualTo(registry);
        createProduct("Rolled back lamp"); // the name was never taken
    }

    @Test
    void a_deleted_products_name_can_be_used_again() {
        ProductId first = createProduct("Reused name");
        Long version = commands.sendAndWait(new DeleteProductCommand(first, 1L));
        assertThat(version).isEqualTo(2L);

        ProductId second = createProduct("reused NAME");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void commands_to_a_deleted_or_unknown_product_fail_with_axons_not_found_exceptions() {
        ProductId id = createProduct("Short lived lamp");
        commands.sendAndWait(new DeleteProductCommand(id, null));

        assertThatThrownBy(() -> commands.sendAndWait(new UpdateProductCommand(id, "Back again", PRICE, null, null)))
                .isInstanceOf(AggregateDeletedException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new DeleteProductCommand(ProductId.of(987_654), null)))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    @Test
    void the_cascade_deletes_the_images_of_a_deleted_product() {
        ProductId product = createProduct("Lamp with images");
        ProductId other = createProduct("Lamp keeping its image");
        ImageId first = createImage("https://img.example.com/1.png", product);
        ImageId second = createImage("https://img.example.com/2.png", product);
        ImageId kept = createImage("https://img.example.com/1.png", other);

        commands.sendAndWait(new DeleteProductCommand(product, null));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(imageDeletions(first, second)).isEqualTo(2));
        assertThat(jdbc.sql("SELECT image_id FROM image_registry WHERE product_id IN (?, ?)")
                .params(product.value(), other.value()).query(Long.class).list())
                .containsExactly(kept.value());
        assertThatThrownBy(() -> commands.sendAndWait(
                new UpdateImageCommand(first, "https://img.example.com/1.png", null, other, null)))
                .isInstanceOf(AggregateDeletedException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new CreateImageCommand("https://img.example.com/3.png", null, product)))
                .isInstanceOfSatisfying(CommandRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
    }

    @Test
    void deleting_one_image_while_its_products_deletion_cascades_over_three_hundred_images_never_waits_on_the_cascade()
            throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            ProductId product = createProduct("Lamp with 300 images, try " + attempt);
            List<ImageId> images = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                images.add(createImage("https://img.example.com/" + i + ".png", product));
            }

            commands.sendAndWait(new DeleteProductCommand(product, null));
            Thread.sleep(20);
            long started = System.nanoTime();
            var imageDeletion = commands.send(new DeleteImageCommand(images.get(150), null));

            // Before the fix the image command and the cascade waited for each other until the caller gave up.
            Object outcome = imageDeletion.handle((version, failure) -> failure == null ? version
                    : failure instanceof AggregateNotFoundException ? "already deleted by the cascade" : failure)
                    .get(5, TimeUnit.SECONDS);
            long answeredMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("try %d: deleteImage answered in %d ms (%s)%n", attempt, answeredMillis, outcome);
            assertThat(outcome).as("the image deletion's outcome").isNotInstanceOf(Throwable.class);
            assertThat(answeredMillis).as("milliseconds the image deletion took, try %d", attempt).isLessThan(1_000);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc
                    .sql("SELECT count(*) FROM image_registry WHERE product_id = ?").param(product.value())
                    .query(Long.class).single()).isZero());
        }
    }

    @Test
    void two_concurrent_updates_at_the_same_expected_version_do_not_both_win() throws Exception {
        ProductId id = createProduct("Contended lamp");

        List<Object> outcomes = concurrently(
                () -> commands.sendAndWait(new UpdateProductCommand(id, "Contended lamp A", PRICE, null, 1L)),
                () -> commands.sendAndWait(new UpdateProductCommand(id, "Contended lamp B", PRICE, null, 1L)));

        assertThat(outcomes).filteredOn(o -> o instanceof ProductState).singleElement()
                .satisfies(won -> assertThat(((ProductState) won).version()).isEqualTo(2L));
        assertThat(outcomes).filteredOn(o -> o instanceof Throwable).singleElement()
                .satisfies(failure -> assertThat(isConflict((Throwable) failure)).as("%s is a conflict", failure).isTrue());
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void two_concurrent_creations_with_one_name_yield_one_product_and_one_conflict() throws Exception {
        List<Object> outcomes = concurrently(
                () -> commands.sendAndWait(new CreateProductCommand("Twin lamp", PRICE, null)),
                () -> commands.sendAndWait(new CreateProductCommand("TWIN LAMP", PRICE, null)));

        assertThat(outcomes).filteredOn(o -> o instanceof ProductState).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof CommandRejectedException r && r.reason() == Reason.CONFLICT)
                .hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM product_registry WHERE name_key = 'twin lamp'").query(Long.class).single())
                .isEqualTo(1L);
    }

    @Test
    void creations_committed_together_keep_each_outcome_their_own() throws Exception {
        // Concurrent creations commit in groups (ADR 22): a name taken twice must fail only its own creation.
        List<Callable<?>> creations = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 12; i++) {
                String name = i < 2 ? "Grouped twin " + round : "Grouped lamp " + round + "-" + i;
                creations.add(() -> commands.sendAndWait(new CreateProductCommand(name, PRICE, null)));
            }
        }
        long events = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();

        List<Object> outcomes = concurrently(creations.toArray(Callable<?>[]::new));

        assertThat(outcomes).filteredOn(o -> o instanceof ProductState).hasSize(33);
        assertThat(outcomes).filteredOn(o -> !(o instanceof ProductState)).hasSize(3)
                .allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(CommandRejectedException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(Reason.CONFLICT)));
        assertThat(jdbc.sql("SELECT count(*) FROM product_registry WHERE name_key LIKE 'grouped %'")
                .query(Long.class).single()).isEqualTo(33L);
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single()).isEqualTo(events + 33);
    }

    @Test
    void an_event_store_append_of_a_taken_sequence_number_is_a_concurrency_exception() {
        // What a second application instance causes when it appends to the same aggregate: the
        // unique (aggregateidentifier, sequencenumber) constraint, translated by our resolver
        // (without it Axon would throw a generic EventStoreException on PostgreSQL).
        ProductId id = createProduct("Appended twice");
        commands.sendAndWait(new UpdateProductCommand(id, "Appended twice", PRICE, null, null));

        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Product", id.toString(), 1,
                new ProductUpdatedEvent(id, "Appended twice", PRICE, ProductStatus.ACTIVE))))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Product", id.toString(), 0,
                new ProductCreatedEvent(id, "Appended twice", PRICE, ProductStatus.ACTIVE))))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void a_taken_sequence_number_appended_in_a_transaction_fails_its_commit_with_axons_exception_and_stores_nothing() {
        // Appends wait for the commit (ADR 21): the duplicate surfaces there, as the exception Axon raises at once
        // (for the batch's first event), and the free sequence number appended beside it is not kept either.
        ProductId id = createProduct("Appended at commit");
        long events = jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>("Product", id.toString(), 1,
                        new ProductUpdatedEvent(id, "Appended at commit 2", PRICE, ProductStatus.ACTIVE)),
                new GenericDomainEventMessage<>("Product", id.toString(), 0,
                        new ProductCreatedEvent(id, "Appended at commit", PRICE, ProductStatus.ACTIVE)))))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining("domainevententry_aggregate_sequence_key");
        assertThat(jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single()).isEqualTo(events);
    }

    // --- helpers

    private ProductId createProduct(String name) {
        return commands.<ProductState>sendAndWait(new CreateProductCommand(name, PRICE, null)).productId();
    }

    private ImageId createImage(String url, ProductId product) {
        return commands.<ImageState>sendAndWait(new CreateImageCommand(url, null, product)).imageId();
    }

    private static boolean isConflict(Throwable failure) {
        return failure instanceof CommandRejectedException r && r.reason() == Reason.CONFLICT
                || failure instanceof ConcurrencyException;
    }

    /** Runs the tasks at the same moment; each outcome is its result or the exception it threw. */
    private static List<Object> concurrently(Callable<?>... tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<?> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private long imageDeletions(ImageId... images) {
        long count = 0;
        for (ImageId image : images) {
            count += jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%ImageDeletedEvent'")
                    .param(image.toString()).query(Long.class).single();
        }
        return count;
    }

    private int registeredName(ProductId id) {
        return jdbc.sql("SELECT count(*) FROM product_registry WHERE product_id = ?").param(id.value()).query(Integer.class).single();
    }

    private long eventRows() {
        return jdbc.sql("SELECT count(*) FROM domainevententry").query(Long.class).single();
    }

    private long productRegistryRows() {
        return jdbc.sql("SELECT count(*) FROM product_registry").query(Long.class).single();
    }
}
