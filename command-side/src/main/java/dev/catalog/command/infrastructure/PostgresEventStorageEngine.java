package dev.catalog.command.infrastructure;

import dev.catalog.platform.database.PendingWrites;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * Axon's JDBC event store with two changes for PostgreSQL.
 *
 * <p><b>Appends go with the commit.</b> The rows Axon would insert at once (the same columns, values and
 * serialized forms) are {@link PendingWrites}: they reach the database together with the command's other writes
 * and its {@code COMMIT}, in one round trip. A duplicate {@code (aggregate, sequence number)} surfaces from the
 * commit as the exception Axon raises for it (a concurrency or stream-creation conflict).
 *
 * <p><b>Reads at a pace.</b> At the head of the store the event store's producer fetches again as soon as a fetch
 * found anything: under a steady stream of writes it read the events table once or twice per write (plus a look
 * for gaps), each time in a transaction of its own, which cost the database more than the writes. Here a fetch
 * that did not fill its batch (the reader is at the head) is followed by the next one no sooner than {@code pace}
 * later, so a burst of writes is read in one batch; while catching up (full batches) it reads at full speed. The
 * asynchronous processors lag the writes by at most {@code pace} more.
 *
 * <p><b>Reads end with the stop.</b> Once {@link #stopTrackedReads()} is called, a tracked read returns nothing, so a
 * stream being read (the producer's, or a lagging processor's own) ends at its next batch instead of reading on while
 * the context closes the connection pools under it. A read waiting for a connection then (the database out of reach)
 * is interrupted and returns nothing, rather than holding the stop for the pool's timeout.
 */
final class PostgresEventStorageEngine extends JdbcEventStorageEngine {

    private final PendingWrites writes;
    private final String insert;
    private final long paceNanos;
    private volatile long nextFetchNanos;
    private volatile boolean trackedReadsStopped;
    /** The threads in a tracked read now, for {@link #stopTrackedReads()} to interrupt. */
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();

    PostgresEventStorageEngine(Builder builder, PendingWrites writes, Duration pace) {
        super(builder);
        this.writes = writes;
        this.paceNanos = pace.toNanos();
        EventSchema schema = schema();
        this.insert = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                + "VALUES (?,?,?,?,?,?,?,?,?)";
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        EventMessage<?> first = events.get(0);
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = EventUtils.asDomainEventMessage(message);
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
            // The order of EventSchema.domainEventFields(), and the forms Axon's own statement writes.
            writes.add(insert, Arrays.asList(
                    event.getIdentifier(),
                    event.getAggregateIdentifier(),
                    event.getSequenceNumber(),
                    event.getType(),
                    DateTimeUtils.formatInstant(event.getTimestamp()),
                    payload.getType().getName(),
                    payload.getType().getRevision(),
                    payload.getData(),
                    metaData.getData()), failure -> translated(failure, first));
        }
    }

    /** Axon's exception for a duplicate event, as its own append would have raised it; null for other failures. */
    private RuntimeException translated(SQLException failure, EventMessage<?> first) {
        if (!PendingWrites.violatesUniqueOn(failure, schema().domainEventTable())) {
            return null;
        }
        try {
            handlePersistenceException(failure, first);
        } catch (RuntimeException conflict) {
            return conflict;
        }
        return null;
    }

    /**
     * From now on, tracked reads return no events; reads of an aggregate's events are unaffected. A tracked read under
     * way is interrupted: one waiting for a connection ends at once, one reading from its socket at its answer.
     */
    void stopTrackedReads() {
        trackedReadsStopped = true;
        readers.forEach(Thread::interrupt);
    }

    @Override
    public List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long wait = nextFetchNanos - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        if (trackedReadsStopped) {
            return List.of();
        }
        Thread reader = Thread.currentThread();
        readers.add(reader);
        List<? extends TrackedEventData<?>> events = null;
        RuntimeException failure = null;
        try {
            events = super.fetchTrackedEvents(lastToken, batchSize);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            readers.remove(reader);
        }
        if (trackedReadsStopped) {
            // The stream ends. The stop may have interrupted this read: that ended the read, and its interrupt left
            // set would fail the reader's next wait (Axon's producer logs it as an unexpected interruption).
            Thread.interrupted();
            return List.of();
        }
        if (failure != null) {
            throw failure;
        }
        nextFetchNanos = events.size() < batchSize ? System.nanoTime() + paceNanos : 0;
        return events;
    }
}
