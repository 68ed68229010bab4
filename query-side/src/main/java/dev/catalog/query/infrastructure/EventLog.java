package dev.catalog.query.infrastructure;

import dev.catalog.platform.eventstore.EventStoreTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The event store as operators read it (export, tail): committed events by global position, read straight from
 * the store's table on the reads pool, a page at a time. A transaction that commits after a later position was
 * read shows up below it: followers re-read a window behind their position.
 */
@Component
public class EventLog {

    /**
     * One stored event.
     *
     * @param position      its global position (1 first)
     * @param aggregate     its aggregate's identifier, e.g. {@code product-7}, and {@code aggregateType}, e.g. {@code Product}
     * @param sequence      its number in the aggregate's history, 0 first
     * @param type          the payload's type and {@code revision}
     * @param timestamp     when it was stored (ISO-8601)
     * @param payload       the payload, as stored (JSON)
     * @param identifier    the event's identifier
     * @param metadata      its metadata, as stored (JSON); null when none
     */
    public record StoredEvent(long position, String aggregate, String aggregateType, long sequence, String type,
                              String revision, String timestamp, String payload, String identifier, String metadata) {

        static StoredEvent of(EventStoreTable.StoredEvent e) {
            return new StoredEvent(e.position(), e.aggregate(), e.aggregateType(), e.sequence(), e.type(),
                    e.revision(), e.timestamp(), e.payload(), e.identifier(), e.metadata());
        }
    }

    private final EventStoreTable store;

    public EventLog(@Qualifier("readsDataSource") DataSource reads) {
        this.store = new EventStoreTable(reads);
    }

    /** The position of the last stored event; 0 when the store is empty. */
    public long head() {
        return store.head();
    }

    /** When the first event after {@code position} was stored; empty when there is none (yet). */
    public Optional<Instant> storedAfter(long position) {
        return store.storedAfter(position);
    }

    /** At most {@code limit} events after position {@code after}, in position order; only {@code aggregate}'s if given. */
    public List<StoredEvent> after(long after, int limit, Optional<String> aggregate) {
        return store.after(after, limit, aggregate).stream().map(StoredEvent::of).toList();
    }
}
