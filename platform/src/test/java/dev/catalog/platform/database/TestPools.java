package dev.catalog.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/** The writes and processing pools over one test database, routed as the application routes them. */
final class TestPools {

    private TestPools() {
    }

    static WorkloadRoutingDataSource routing(DatabaseEndpoint endpoint, int connections, boolean groupCommit) {
        return routing(endpoint, connections, Duration.ofSeconds(5), groupCommit);
    }

    /** @param timeout the pools' statement timeout, and how long a caller waits for a connection (250 ms at least) */
    static WorkloadRoutingDataSource routing(DatabaseEndpoint endpoint, int connections, Duration timeout,
                                             boolean groupCommit) {
        DatabaseProperties.Pool pool = new DatabaseProperties.Pool(connections, timeout);
        return new WorkloadRoutingDataSource(DatabaseAutoConfiguration.pool(endpoint, "writes", pool),
                DatabaseAutoConfiguration.pool(endpoint, "processing", pool), groupCommit);
    }

    /** How many of the writes pool's connections are taken. */
    static int writeConnectionsInUse(WorkloadRoutingDataSource dataSource) {
        HikariDataSource writes = (HikariDataSource) dataSource.getResolvedDataSources().get(Workload.WRITES);
        return writes.getHikariPoolMXBean().getActiveConnections();
    }
}
