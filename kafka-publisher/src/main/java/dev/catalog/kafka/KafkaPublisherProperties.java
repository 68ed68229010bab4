package dev.catalog.kafka;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka publisher's settings, under {@code catalog.kafka}.
 *
 * @param bootstrapServers   the brokers, {@code host:port[,host:port...]}; empty (the default) turns publishing off
 *                           ({@code CATALOG_KAFKA_BOOTSTRAP_SERVERS})
 * @param topic              the topic every event goes to ({@code CATALOG_KAFKA_TOPIC})
 * @param partitions         partitions of the topic when the publisher creates it ({@code CATALOG_KAFKA_PARTITIONS});
 *                           the broker's default replication factor applies
 * @param source             the CloudEvents {@code source} of every event ({@code CATALOG_KAFKA_SOURCE})
 * @param acknowledgeTimeout how long a batch waits for Kafka to acknowledge what it sent before it fails and is
 *                           retried ({@code CATALOG_KAFKA_ACKNOWLEDGE_TIMEOUT})
 * @param readinessMaxLag    events the publisher may be behind the head of the store on this instance before the
 *                           instance reports itself not ready; unset (the default): the lag is reported but never
 *                           takes the API out of service. The only limit of the publisher's lag: the general
 *                           {@code catalog.processing.readiness-max-lag} does not apply to it
 *                           ({@code CATALOG_KAFKA_READINESS_MAX_LAG})
 * @param properties         Kafka client settings passed as they are to the producer and the admin client, e.g.
 *                           {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config},
 *                           {@code ssl.truststore.location} ({@code CATALOG_KAFKA_PROPERTIES_SASL_MECHANISM=...})
 */
@ConfigurationProperties("catalog.kafka")
public record KafkaPublisherProperties(
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("catalog.events") String topic,
        @DefaultValue("3") int partitions,
        @DefaultValue("/catalog") URI source,
        @DefaultValue("30s") Duration acknowledgeTimeout,
        Long readinessMaxLag,
        Map<String, String> properties) {

    public KafkaPublisherProperties {
        if (topic.isBlank()) {
            throw new IllegalArgumentException("catalog.kafka.topic must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("catalog.kafka.partitions must be at least 1, got " + partitions);
        }
        if (acknowledgeTimeout.isNegative() || acknowledgeTimeout.isZero()) {
            throw new IllegalArgumentException("catalog.kafka.acknowledge-timeout must be positive, got " + acknowledgeTimeout);
        }
        if (readinessMaxLag != null && readinessMaxLag < 0) {
            throw new IllegalArgumentException("catalog.kafka.readiness-max-lag must not be negative, got " + readinessMaxLag);
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
