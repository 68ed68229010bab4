package dev.catalog.kafka;

import java.util.OptionalLong;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health component {@code kafkaPublisher}: the topic, the lag on this instance ({@link PublisherLag}) and the
 * error of a failing batch. UP while it publishes or waits for Kafka: a Kafka outage must not take the API out
 * of service. With {@code catalog.kafka.readiness-max-lag} set, OUT_OF_SERVICE past it, and the instance reports
 * itself not ready ({@link LagReadiness}).
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
        Health.Builder health = LagReadiness.tooFarBehind(events, properties)
                ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
        health.withDetail("topic", properties.topic());
        health.withDetail("lag", events.isPresent() ? events.getAsLong() : "unknown: no segment on this instance");
        String error = lag.error();
        if (error != null) {
            health.withDetail("error", error);
        }
        return health.build();
    }
}
