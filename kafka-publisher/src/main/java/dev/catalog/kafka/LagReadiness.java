package dev.catalog.kafka;

import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * With {@code catalog.kafka.readiness-max-lag} set, checks the lag every {@value #PERIOD_SECONDS} s and turns the
 * instance's readiness off while the publisher is further behind, on again once it caught up.
 */
class LagReadiness implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LagReadiness.class);
    static final long PERIOD_SECONDS = 5;

    private final PublisherLag lag;
    private final KafkaPublisherProperties properties;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService executor;
    private volatile boolean refusing;
    private volatile boolean running;

    LagReadiness(PublisherLag lag, KafkaPublisherProperties properties, ApplicationEventPublisher events,
                 ScheduledExecutorService executor) {
        this.lag = lag;
        this.properties = properties;
        this.events = events;
        this.executor = executor;
    }

    static boolean tooFarBehind(OptionalLong lag, KafkaPublisherProperties properties) {
        return properties.readinessMaxLag() != null && lag.isPresent() && lag.getAsLong() > properties.readinessMaxLag();
    }

    private void check() {
        try {
            OptionalLong events = lag.events();
            boolean behind = tooFarBehind(events, properties);
            if (behind != refusing) {
                refusing = behind;
                log.warn(behind ? "The Kafka publisher is {} events behind (more than {}): not ready"
                        : "The Kafka publisher is {} events behind (at most {}): ready again",
                        events.orElse(-1), properties.readinessMaxLag());
                AvailabilityChangeEvent.publish(this.events, this,
                        behind ? ReadinessState.REFUSING_TRAFFIC : ReadinessState.ACCEPTING_TRAFFIC);
            }
        } catch (RuntimeException e) {
            log.debug("Could not measure the Kafka publisher's lag", e);
        }
    }

    @Override
    public void start() {
        if (properties.readinessMaxLag() != null) {
            executor.scheduleWithFixedDelay(this::check, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
