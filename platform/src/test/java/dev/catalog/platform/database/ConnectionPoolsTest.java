package dev.catalog.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.catalog.platform.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pools per kind of work (ADR 11) over a real PostgreSQL: bounded statements, and no starving each other. */
class ConnectionPoolsTest {

    private static final DatabaseEndpoint ENDPOINT = TestDatabase.createDatabase("connection_pools");
    private static final HikariDataSource READS =
            DatabaseAutoConfiguration.pool(ENDPOINT, "reads", new DatabaseProperties.Pool(2, Duration.ofSeconds(5)));
    private static final WorkloadRoutingDataSource WRITES_AND_PROCESSING =
            TestPools.routing(ENDPOINT, 2, Duration.ofSeconds(5), false);

    @AfterAll
    static void closePools() {
        READS.close();
        WRITES_AND_PROCESSING.destroy();
    }

    @Test
    void a_statement_running_past_its_pools_timeout_is_cancelled_by_the_server() {
        try (HikariDataSource pool = DatabaseAutoConfiguration.pool(ENDPOINT, "reads",
                new DatabaseProperties.Pool(1, Duration.ofMillis(500)))) {
            assertCancelledAndStillWorking(pool);
        }
    }

    private static void assertCancelledAndStillWorking(HikariDataSource pool) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> JdbcClient.create(pool).sql("SELECT pg_sleep(30)").query().singleValue())
                .isInstanceOf(DataAccessException.class)
                .rootCause().isInstanceOf(SQLException.class)
                .satisfies(cause -> assertThat(((SQLException) cause).getSQLState())
                        .as("query_canceled").isEqualTo("57014"))
                .hasMessageContaining("statement timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(JdbcClient.create(pool).sql("SELECT 1").query(Integer.class).single())
                .as("the pool goes on working").isEqualTo(1);
    }

    @Test
    void reads_holding_every_read_connection_leave_commands_and_processors_their_own() throws Exception {
        int readConnections = READS.getMaximumPoolSize();
        JdbcClient.create(READS).sql("SELECT 1").query().singleValue(); // opens the pool
        ExecutorService readers = Executors.newFixedThreadPool(readConnections + 1);
        ExecutorService processors = Executors.newSingleThreadExecutor(Workload.PROCESSING.threadFactory("processor"));
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (int i = 0; i < readConnections; i++) {
                reads.add(readers.submit(() -> JdbcClient.create(READS).sql("SELECT pg_sleep(2)").query().singleValue()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (READS.getHikariPoolMXBean().getActiveConnections() < readConnections && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(READS.getHikariPoolMXBean().getActiveConnections()).as("every read connection taken")
                    .isEqualTo(readConnections);
            Future<?> oneMoreRead = readers.submit(() -> JdbcClient.create(READS).sql("SELECT 1").query().singleValue());

            // While the reads pool is exhausted, a command and a processor each get a connection at once.
            long started = System.nanoTime();
            assertThat(JdbcClient.create(WRITES_AND_PROCESSING).sql("SELECT 'command'").query(String.class).single())
                    .isEqualTo("command");
            assertThat(processors.submit(() -> JdbcClient.create(WRITES_AND_PROCESSING).sql("SELECT 'processor'")
                    .query(String.class).single()).get(5, TimeUnit.SECONDS)).isEqualTo("processor");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
            assertThat(READS.getHikariPoolMXBean().getActiveConnections()).as("reads still busy")
                    .isEqualTo(readConnections);

            for (Future<?> read : reads) {
                read.get(5, TimeUnit.SECONDS);
            }
            oneMoreRead.get(5, TimeUnit.SECONDS);
        } finally {
            readers.shutdownNow();
            processors.shutdownNow();
        }
    }
}
