package dev.catalog.command.infrastructure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC event store, reading the stream of events for the asynchronous processors at a measured pace.
 *
 * <p>At the head of the store the event store's producer fetches again as soon as a fetch found anything: under
 * a steady stream of writes it read the events table once or twice per write (plus a look for gaps), each time in
 * a transaction of its own, which cost the database more than the writes. Here a fetch that did not fill its batch
 * (the reader is at the head) is followed by the next one no sooner than {@code pace} later, so a burst of writes
 * is read in one batch; while catching up (full batches) it reads at full speed. The asynchronous processors lag
 * the writes by at most {@code pace} more.
 */
final class PacedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final long paceNanos;
    private volatile long nextFetchNanos;

    PacedJdbcEventStorageEngine(Builder builder, Duration pace) {
        super(builder);
        this.paceNanos = pace.toNanos();
    }

    @Override
    public List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long wait = nextFetchNanos - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
        nextFetchNanos = events.size() < batchSize ? System.nanoTime() + paceNanos : 0;
        return events;
    }
}
