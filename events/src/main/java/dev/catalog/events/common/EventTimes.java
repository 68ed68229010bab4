package dev.catalog.events.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The one rule about event times that every reader of events shares. */
public final class EventTimes {

    private EventTimes() {
    }

    /**
     * An event's time at the precision the event store keeps (milliseconds). A handler that gets the event as it
     * was applied sees nanoseconds, one that gets it from the store (a replay, an aggregate loaded again) sees
     * milliseconds: both must derive the same state from it.
     */
    public static Instant stored(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
}
