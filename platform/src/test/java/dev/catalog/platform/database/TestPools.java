package dev.catalog.platform.database;

import java.time.Duration;

/** The writes and processing pools over one test database, routed as the application routes them. */
final class TestPools {

    private TestPools() {
    }

    static WorkloadRoutingDataSource routing(DatabaseEndpoint endpoint, int connections, boolean groupCommit) {
        DatabaseProperties.Pool pool = new DatabaseProperties.Pool(connections, Duration.ofSeconds(5));
        return new WorkloadRoutingDataSource(DatabaseAutoConfiguration.pool(endpoint, "writes", pool),
                DatabaseAutoConfiguration.pool(endpoint, "processing", pool), groupCommit);
    }
}
