package dev.catalog.command.infrastructure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the JDBC event store is followed by the asynchronous processors, under {@code catalog.events}. None of it
 * delays a command or a query: the views are written by the commands themselves.
 *
 * @param fetchDelay   how often an instance looks for events appended by other instances
 *                     ({@code CATALOG_EVENTS_FETCH_DELAY})
 * @param wakeInterval how often caught-up processors are told to look again ({@code CATALOG_EVENTS_WAKE_INTERVAL},
 *                     see {@link PromptEventStore})
 * @param fetchPace    the shortest time between two reads of the head of the store
 *                     ({@code CATALOG_EVENTS_FETCH_PACE}, see {@link PostgresEventStorageEngine})
 * @param cachedEvents the latest events kept in memory for the processors that follow the head of the store
 *                     ({@code CATALOG_EVENTS_CACHED_EVENTS}); a processor further behind reads the database. Axon
 *                     keeps 10,000: at thousands of writes a second they outlive several young collections and
 *                     are copied at each, which lengthened every garbage-collection pause of the write path.
 */
@ConfigurationProperties("catalog.events")
public record EventStoreProperties(
        @DefaultValue("100ms") Duration fetchDelay,
        @DefaultValue("50ms") Duration wakeInterval,
        @DefaultValue("20ms") Duration fetchPace,
        @DefaultValue("1000") int cachedEvents) {

    public EventStoreProperties {
        require("fetch-delay", fetchDelay);
        require("wake-interval", wakeInterval);
        if (cachedEvents < 1) {
            throw new IllegalArgumentException("catalog.events.cached-events must be at least 1, got " + cachedEvents);
        }
        if (fetchPace.isNegative()) {
            throw new IllegalArgumentException("catalog.events.fetch-pace must not be negative, got " + fetchPace);
        }
    }

    private static void require(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("catalog.events." + name + " must be positive, got " + value);
        }
    }
}
