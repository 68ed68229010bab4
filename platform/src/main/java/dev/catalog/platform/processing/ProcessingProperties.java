package dev.catalog.platform.processing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the asynchronous event processors (the product-image cascade, and every processor that follows
 * the event store in the background), under {@code catalog.processing}.
 *
 * @param segments                initial number of segments of each processor's token, the unit of
 *                                parallelism shared between instances; only used when the tokens are first
 *                                created ({@code CATALOG_PROCESSING_SEGMENTS})
 * @param batchSize               events handled per transaction by one segment ({@code CATALOG_PROCESSING_BATCH_SIZE})
 * @param deadLetterRetryInterval pause between two rounds of retrying parked events
 *                                ({@code CATALOG_PROCESSING_DEAD_LETTER_RETRY_INTERVAL})
 * @param readinessMaxLag         events a processor may be behind the head of the store on this instance before the
 *                                instance reports itself out of service (readiness); a replay on purpose does not
 *                                count ({@code CATALOG_PROCESSING_READINESS_MAX_LAG})
 * @param claimTimeout            how long a segment's claim holds without being extended: the segments of an
 *                                instance that died or lost the database are claimed by the others after it (plus at
 *                                most a third of it, their next claim round); a live owner extends its claims every
 *                                third of it, so a stall longer than this (a pause, a database cut-off) loses them
 *                                ({@code CATALOG_PROCESSING_CLAIM_TIMEOUT}, {@link ProcessingNodes})
 */
@ConfigurationProperties("catalog.processing")
public record ProcessingProperties(
        @DefaultValue("4") int segments,
        @DefaultValue("100") int batchSize,
        @DefaultValue("30s") Duration deadLetterRetryInterval,
        @DefaultValue("10000") long readinessMaxLag,
        @DefaultValue("6s") Duration claimTimeout) {

    public ProcessingProperties {
        if (segments < 1) {
            throw new IllegalArgumentException("catalog.processing.segments must be at least 1, got " + segments);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("catalog.processing.batch-size must be at least 1, got " + batchSize);
        }
        if (readinessMaxLag < 0) {
            throw new IllegalArgumentException("catalog.processing.readiness-max-lag must not be negative, got "
                    + readinessMaxLag);
        }
        if (claimTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("catalog.processing.claim-timeout must be at least 1s, got " + claimTimeout);
        }
        if (deadLetterRetryInterval.isNegative() || deadLetterRetryInterval.isZero()) {
            throw new IllegalArgumentException(
                    "catalog.processing.dead-letter-retry-interval must be positive, got " + deadLetterRetryInterval);
        }
    }
}
