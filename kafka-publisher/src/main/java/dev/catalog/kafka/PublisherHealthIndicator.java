package dev.catalog.kafka;

import java.util.OptionalLong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health component {@code kafkaPublisher}: the topic, the lag on this instance ({@link PublisherLag}) and the
 * error of a failing batch. Always UP: whether the publisher's lag takes the instance out of readiness is judged
 * with every processor's, by the processors health, against {@code catalog.kafka.readiness-max-lag}
 * ({@link KafkaPublisherAutoConfiguration#kafkaPublisherLagLimit}); a Kafka outage alone must not.
 */
class PublisherHealthIndicator implements HealthIndicator {

    private final PublisherLag lag;
    private final KafkaPublisherProperties properties;

    PublisherHealthIndicator(PublisherLag lag, KafkaPublisherProperties properties) {
        this.lag = lag;
        this.properties = properties;
    }

    @Override
    public Health health() {
        OptionalLong events = lag.events();
        Health.Builder health = Health.up();
        health.withDetail("topic", properties.topic());
        health.withDetail("lag", events.isPresent() ? events.getAsLong() : "unknown: no segment on this instance");
        String error = lag.error();
        if (error != null) {
            health.withDetail("error", error);
        }
        return health.build();
    }
}
