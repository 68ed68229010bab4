package dev.catalog.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The settings as an operator writes them: environment variables, as the README documents them. */
class KafkaPublisherPropertiesTest {

    private static KafkaPublisherProperties bind(Map<String, Object> environment) {
        var source = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                environment);
        return new Binder(ConfigurationPropertySources.from(source))
                .bindOrCreate("catalog.kafka", KafkaPublisherProperties.class);
    }

    @Test
    void the_defaults_leave_publishing_off_and_name_the_topic() {
        KafkaPublisherProperties properties = bind(Map.of());

        assertThat(properties.bootstrapServers()).isEmpty();
        assertThat(properties.topic()).isEqualTo("catalog.events");
        assertThat(properties.partitions()).isEqualTo(3);
        assertThat(properties.source()).isEqualTo(URI.create("/catalog"));
        assertThat(properties.acknowledgeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.readinessMaxLag()).isNull();
        assertThat(properties.properties()).isEmpty();
    }

    @Test
    void client_settings_pass_through_from_environment_variables_with_their_dotted_names() {
        KafkaPublisherProperties properties = bind(Map.of(
                "CATALOG_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9093,kafka-2:9093",
                "CATALOG_KAFKA_PROPERTIES_SECURITY_PROTOCOL", "SASL_SSL",
                "CATALOG_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "CATALOG_KAFKA_READINESS_MAX_LAG", "5000"));

        assertThat(properties.bootstrapServers()).isEqualTo("kafka-1:9093,kafka-2:9093");
        assertThat(properties.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        assertThat(properties.readinessMaxLag()).isEqualTo(5000L);
    }

    @Test
    void a_setting_that_cannot_work_is_refused_at_start_up_with_its_name() {
        assertThatThrownBy(() -> bind(Map.of("CATALOG_KAFKA_PARTITIONS", "0")))
                .rootCause().hasMessageContaining("catalog.kafka.partitions");
        assertThatThrownBy(() -> bind(Map.of("CATALOG_KAFKA_ACKNOWLEDGE_TIMEOUT", "0s")))
                .rootCause().hasMessageContaining("catalog.kafka.acknowledge-timeout");
    }
}
