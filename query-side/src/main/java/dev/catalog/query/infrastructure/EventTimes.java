package dev.catalog.query.infrastructure;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** An event's time as the views keep it. */
public final class EventTimes {

    private EventTimes() {
    }

    /**
     * The time to the millisecond, the precision the event store keeps: an inline projection sees the event as
     * it was created (with nanoseconds), a replay as it was stored, and both must write the same row.
     */
    public static OffsetDateTime stored(Instant timestamp) {
        return OffsetDateTime.ofInstant(timestamp.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
