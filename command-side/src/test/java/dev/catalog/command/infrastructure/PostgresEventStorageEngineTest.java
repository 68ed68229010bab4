package dev.catalog.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalog.platform.database.DatabaseEndpoint;
import dev.catalog.platform.database.PendingWrites;
import dev.catalog.platform.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;

class PostgresEventStorageEngineTest {

    @Test
    void a_tracked_read_ended_by_the_stop_returns_nothing_and_leaves_its_thread_not_interrupted() throws Exception {
        DatabaseEndpoint endpoint = TestDatabase.createDatabase("tracked_read_stopped");
        try (HikariDataSource pool = onePooledConnection(endpoint); Connection taken = pool.getConnection()) {
            PostgresEventStorageEngine engine = new PostgresEventStorageEngine(JdbcEventStorageEngine.builder()
                    .connectionProvider(pool::getConnection)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(Jackson3Serializer.builder().build())
                    .snapshotSerializer(Jackson3Serializer.builder().build()), new PendingWrites(pool), Duration.ZERO);
            AtomicReference<List<?>> read = new AtomicReference<>();
            AtomicBoolean interruptedAfterwards = new AtomicBoolean(true);
            Thread reader = new Thread(() -> {
                read.set(engine.fetchTrackedEvents(null, 10));
                interruptedAfterwards.set(Thread.currentThread().isInterrupted());
            });
            reader.start();
            // The pool's one connection is taken: the read waits for it until the stop interrupts it.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).as("the read waits").isEqualTo(1);

            engine.stopTrackedReads();
            reader.join(Duration.ofSeconds(10));

            assertThat(reader.isAlive()).as("the read ended").isFalse();
            assertThat(read.get()).isEmpty();
            // Left set, the interrupt would fail the reader's next wait: Axon's producer logs that as a failure.
            assertThat(interruptedAfterwards).isFalse();
        }
    }

    private static HikariDataSource onePooledConnection(DatabaseEndpoint endpoint) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(endpoint.jdbcUrl());
        pool.setUsername(endpoint.username());
        pool.setPassword(endpoint.password());
        pool.setMaximumPoolSize(1);
        pool.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        return pool;
    }
}
