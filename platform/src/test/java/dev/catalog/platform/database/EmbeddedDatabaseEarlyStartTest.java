package dev.catalog.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.platform.roles.RolesAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded PostgreSQL started while the context is built, on real PostgreSQL (ADR 30). */
class EmbeddedDatabaseEarlyStartTest {

    @TempDir
    Path work;

    @Test
    void the_context_takes_the_server_that_was_started_while_it_was_built() {
        try (ConfigurableApplicationContext context = application(Database.class).run(dataDir())) {
            EmbeddedDatabaseEarlyStart.Started started = context.getBean(EmbeddedDatabaseEarlyStart.Started.class);

            assertThat(context.getBean(EmbeddedDatabase.class)).isSameAs(started.server().join());
            assertThat(Files.exists(work.resolve("data/postmaster.pid"))).as("the server runs").isTrue();
        }
        assertThat(Files.exists(work.resolve("data/postmaster.pid"))).as("stopped with the context").isFalse();
    }

    @Test
    void a_context_that_fails_before_taking_the_server_stops_it() {
        SpringApplication failing = application(Database.class);
        failing.addInitializers(context -> {
            throw new IllegalStateException("a context that cannot be built");
        });

        assertThatThrownBy(() -> failing.run(dataDir())).hasMessageContaining("a context that cannot be built");

        assertThat(Files.exists(work.resolve("data/PG_VERSION"))).as("the server had started").isTrue();
        assertThat(Files.exists(work.resolve("data/postmaster.pid"))).as("and was stopped").isFalse();
    }

    @Test
    void an_instance_on_an_external_database_starts_none() {
        try (ConfigurableApplicationContext context = application(Database.class)
                .run(dataDir(), "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none", "--spring.main.lazy-initialization=true")) {
            assertThat(context.getBeansOfType(EmbeddedDatabaseEarlyStart.Started.class)).isEmpty();
        }
        assertThat(Files.exists(work.resolve("data"))).isFalse();
    }

    private String dataDir() {
        return "--catalog.data-dir=" + work.resolve("data");
    }

    private static SpringApplication application(Class<?> configuration) {
        SpringApplication application = new SpringApplication(configuration);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addListeners(new EmbeddedDatabaseEarlyStart());
        return application;
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @ImportAutoConfiguration({RolesAutoConfiguration.class, DatabaseAutoConfiguration.class})
    static class Database {
    }
}
