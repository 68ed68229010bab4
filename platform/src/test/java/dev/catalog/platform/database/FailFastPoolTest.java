package dev.catalog.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailFastPoolTest {

    @Test
    void after_a_caller_waited_in_vain_every_caller_fails_at_once_while_the_database_stays_out_of_reach() throws Exception {
        try (FailFastPool pool = unreachable(Duration.ofMillis(800))) {
            Duration first = timeToFail(pool);
            assertThat(first).as("the first caller waits the timeout").isGreaterThanOrEqualTo(Duration.ofMillis(700));

            for (int i = 0; i < 5; i++) {
                assertThat(timeToFail(pool)).as("caller %d after it", i).isLessThan(Duration.ofMillis(100));
                Thread.sleep(300);
            }
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("none has been since");
        }
    }

    private static Duration timeToFail(FailFastPool pool) {
        long start = System.nanoTime();
        try {
            pool.getConnection().close();
            throw new AssertionError("a connection to a closed port");
        } catch (java.sql.SQLException expected) {
            return Duration.ofNanos(System.nanoTime() - start);
        }
    }

    /** A pool of a PostgreSQL that refuses every connection (a closed port). */
    private static FailFastPool unreachable(Duration timeout) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        FailFastPool pool = new FailFastPool();
        pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/none");
        pool.setUsername("none");
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(timeout.toMillis());
        pool.setInitializationFailTimeout(-1);
        return pool;
    }
}
