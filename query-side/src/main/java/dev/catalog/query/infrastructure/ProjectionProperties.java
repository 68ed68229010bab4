package dev.catalog.query.infrastructure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the projection processors, under {@code catalog.projections}.
 *
 * @param segments                  initial number of segments of each projection's token; only
 *                                  used when the processor's tokens are first created (changing it
 *                                  later needs a split/merge, not a restart)
 * @param batchSize                 events handled per transaction by one segment
 * @param deadLetterRetryInterval   pause between two rounds of retrying dead-lettered events
 *                                  ({@code catalog.projections.dead-letter-retry-interval})
 */
@ConfigurationProperties("catalog.projections")
public record ProjectionProperties(
        @DefaultValue("4") int segments,
        @DefaultValue("100") int batchSize,
        @DefaultValue("30s") Duration deadLetterRetryInterval) {

    public ProjectionProperties {
        if (segments < 1) {
            throw new IllegalArgumentException("catalog.projections.segments must be at least 1, got " + segments);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("catalog.projections.batch-size must be at least 1, got " + batchSize);
        }
        if (deadLetterRetryInterval.isNegative() || deadLetterRetryInterval.isZero()) {
            throw new IllegalArgumentException(
                    "catalog.projections.dead-letter-retry-interval must be positive, got " + deadLetterRetryInterval);
        }
    }
}
