package dev.catalog.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/** The command side stopped as a rolling restart stops it: its context closed while events are being read. */
class GracefulStopIntegrationTest {

    /** Axon's JDBC storage engine reads tracked events in batches of this many. */
    private static final int BATCH = 100;

    @Test
    void a_stop_ends_a_tracked_read_under_way_at_its_next_batch_instead_of_reading_from_the_closed_pool() {
        var database = TestDatabase.createDatabase("command_side_stop");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideTestApplication.class)
                .properties(
                        "axon.axonserver.enabled=false",
                        "axon.serializer.general=jackson3",
                        "axon.serializer.events=jackson3",
                        "axon.serializer.messages=jackson3",
                        "spring.flyway.locations=" + TestDatabase.PLATFORM_MIGRATIONS + ","
                                + TestDatabase.COMMAND_MIGRATIONS,
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password())
                .run();
        EventStore store = context.getBean(EventStore.class);
        context.getBean(TransactionTemplate.class).executeWithoutResult(status -> store.publish(
                IntStream.range(0, 2 * BATCH + BATCH / 2)
                        .mapToObj(i -> new GenericDomainEventMessage<>("Stop", "stopped", i, "event " + i))
                        .toList()));
        // A processor catching up reads like this, batch after batch, on its own thread.
        Iterator<? extends TrackedEventMessage<?>> read =
                context.getBean(EventStorageEngine.class).readEvents(null, true).iterator();
        assertThat(read.next().getPayload()).isEqualTo("event 0");

        context.close();

        List<Integer> readAfterTheStop = new ArrayList<>();
        read.forEachRemaining(event -> readAfterTheStop.add(
                Integer.parseInt(((String) event.getPayload()).substring("event ".length()))));
        assertThat(readAfterTheStop).as("the rest of the batch fetched before the stop, and no batch after it")
                .isNotEmpty()
                .allSatisfy(index -> assertThat(index).isLessThan(BATCH));
    }
}
