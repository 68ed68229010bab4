package dev.catalog.query;

import dev.catalog.platform.database.DatabaseEndpoint;
import dev.catalog.platform.testing.TestDatabase;
import java.util.UUID;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The query side alone, for tests: scans {@code dev.catalog.query} and runs on a database of its own (one
 * per application context) in the test JVM's embedded PostgreSQL, with the platform's pools and migrations.
 */
@SpringBootApplication
public class QuerySideTestApplication {

    @Bean
    DatabaseEndpoint databaseEndpoint() {
        return TestDatabase.createDatabase("query_side_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
