package dev.catalog.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.platform.testing.TestInfrastructure.Choice;
import dev.catalog.platform.testing.TestInfrastructure.Requested;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** How the tests' infrastructure is chosen, and that its images are the compose file's. */
class TestInfrastructureTest {

    @Test
    void without_the_property_testcontainers_is_taken_exactly_when_docker_answers() {
        assertThat(TestInfrastructure.choose(Requested.AUTO, () -> true))
                .isEqualTo(new Choice(true, "a Docker engine answered"));
        assertThat(TestInfrastructure.choose(Requested.AUTO, () -> false))
                .isEqualTo(new Choice(false, "no Docker engine (Testcontainers skipped)"));
    }

    @Test
    void embedded_forced_never_asks_docker() {
        AtomicInteger asked = new AtomicInteger();
        BooleanSupplier docker = () -> asked.incrementAndGet() > 0;

        Choice choice = TestInfrastructure.choose(Requested.EMBEDDED, docker);

        assertThat(choice.containers()).isFalse();
        assertThat(choice.reason()).isEqualTo("forced by catalog.test.infrastructure=embedded (Testcontainers skipped)");
        assertThat(asked).hasValue(0);
    }

    @Test
    void containers_forced_fails_without_docker_rather_than_falling_back() {
        assertThat(TestInfrastructure.choose(Requested.CONTAINERS, () -> true).containers()).isTrue();
        assertThatThrownBy(() -> TestInfrastructure.choose(Requested.CONTAINERS, () -> false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("catalog.test.infrastructure=containers, but no Docker engine answers");
    }

    @Test
    void the_property_outranks_the_environment_variable_and_unknown_values_are_refused() {
        Map<String, String> none = Map.of();
        assertThat(TestInfrastructure.requested(none::get, none::get)).isEqualTo(Requested.AUTO);
        assertThat(TestInfrastructure.requested(Map.of("catalog.test.infrastructure", " Embedded ")::get, none::get))
                .isEqualTo(Requested.EMBEDDED);
        assertThat(TestInfrastructure.requested(none::get, Map.of("CATALOG_TEST_INFRASTRUCTURE", "containers")::get))
                .isEqualTo(Requested.CONTAINERS);
        assertThat(TestInfrastructure.requested(Map.of("catalog.test.infrastructure", "auto")::get,
                Map.of("CATALOG_TEST_INFRASTRUCTURE", "embedded")::get)).isEqualTo(Requested.AUTO);
        assertThatThrownBy(() -> TestInfrastructure.requested(Map.of("catalog.test.infrastructure", "docker")::get,
                none::get)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto, embedded or containers");
    }

    @Test
    void the_announced_line_names_the_resource_and_why() {
        assertThat(TestInfrastructure.line("embedded PostgreSQL 17.6 (zonky)",
                new Choice(false, "no Docker engine (Testcontainers skipped)")))
                .isEqualTo("Test infrastructure: embedded PostgreSQL 17.6 (zonky); no Docker engine (Testcontainers skipped)");
    }

    @Test
    void the_images_are_the_compose_files() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();

        assertThat(services.get("postgres").get("image")).isEqualTo(TestInfrastructure.POSTGRES_IMAGE);
        assertThat(services.get("kafka").get("image")).isEqualTo(TestInfrastructure.KAFKA_IMAGE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        // Maven runs a module's tests in the module's directory; the compose file is at the root.
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("docker-compose.yml"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("a docker-compose.yml above %s", Path.of("").toAbsolutePath()).isNotNull();
        try (Reader compose = Files.newBufferedReader(directory.resolve("docker-compose.yml"))) {
            Map<String, Object> file = new Yaml().load(compose);
            return (Map<String, Map<String, Object>>) file.get("services");
        }
    }
}
