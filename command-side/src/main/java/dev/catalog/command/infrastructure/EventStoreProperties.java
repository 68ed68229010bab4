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
 */
@ConfigurationProperties("catalog.events")
public record EventStoreProperties(
        @DefaultValue("100ms") Duration fetchDelay,
        @DefaultValue("50ms") Duration wakeInterval,
        @DefaultValue("20ms") Duration fetchPace) {

    public EventStoreProperties {
        require("fetch-delay", fetchDelay);
        require("wake-interval", wakeInterval);
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
