package dev.catalog.query.changes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each instance follows the committed changes for its subscribers, under {@code catalog.changes}.
 *
 * @param pollInterval   how often the feed looks at the store when no commit woke it, in case a wake-up was lost
 *                       ({@code CATALOG_CHANGES_POLL_INTERVAL})
 * @param notifyInterval the shortest time between two wake-ups this instance sends the others after its commits;
 *                       a burst of commits sends one ({@code CATALOG_CHANGES_NOTIFY_INTERVAL})
 * @param maxQueued      changes that may wait for one subscriber before it is dropped as too slow
 *                       ({@code CATALOG_CHANGES_MAX_QUEUED})
 * @param maxCatchUp     the most events a resuming subscription may have missed; a token further behind is refused
 *                       ({@code CATALOG_CHANGES_MAX_CATCH_UP})
 */
@ConfigurationProperties("catalog.changes")
public record ChangeFeedProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10ms") Duration notifyInterval,
        @DefaultValue("1000") int maxQueued,
        @DefaultValue("100000") int maxCatchUp) {

    public ChangeFeedProperties {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("catalog.changes.poll-interval must be positive, got " + pollInterval);
        }
        if (notifyInterval.isNegative()) {
            throw new IllegalArgumentException("catalog.changes.notify-interval must not be negative, got " + notifyInterval);
        }
        if (maxQueued < 1 || maxCatchUp < 1) {
            throw new IllegalArgumentException("catalog.changes.max-queued and max-catch-up must be at least 1, got "
                    + maxQueued + " and " + maxCatchUp);
        }
    }
}
