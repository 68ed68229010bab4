package dev.catalog.command.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest application that runs the command side: everything comes from the
 * auto-configurations (the command side's own, Axon's, Spring Boot's JDBC and Flyway).
 */
@SpringBootApplication
public class CommandSideTestApplication {
}
