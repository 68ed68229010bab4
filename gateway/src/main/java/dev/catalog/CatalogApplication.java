package dev.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The catalog service: GraphQL API, command side and query side in one process. */
@SpringBootApplication
public class CatalogApplication {

    public static void main(String[] args) {
        // Axon asks get.axoniq.io for updates at start-up; nothing may phone home.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(CatalogApplication.class, args);
    }
}
