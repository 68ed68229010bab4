package dev.catalog.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without {@code catalog.kafka.bootstrap-servers} (the default context of the API tests) nothing of Kafka runs. */
class KafkaPublisherOffTest extends ApiTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ApplicationContext context;

    @Test
    void without_bootstrap_servers_there_is_no_publisher_processor_and_no_health_component() {
        assertThat(processing.eventProcessors()).doesNotContainKey("kafka-publisher");
        assertThat(context.getBeanNamesForType(dev.catalog.kafka.KafkaPublisher.class)).isEmpty();
        assertThat(context.containsBean("kafkaPublisherHealthIndicator")).isFalse();
    }
}
