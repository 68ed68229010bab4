package dev.catalog;

import dev.catalog.platform.database.EmbeddedDatabaseEarlyStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The catalog service: GraphQL API, command side and query side in one process. */
@SpringBootApplication
public class CatalogApplication {

    public static void main(String[] args) {
        // Axon asks get.axoniq.io for updates at start-up; nothing may phone home.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication application = new SpringApplication(CatalogApplication.class);
        // The embedded PostgreSQL starts while the context is built, not after (ADR 30).
        application.addListeners(new EmbeddedDatabaseEarlyStart());
        application.run(args);
    }
}
