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
    public List<EventStoreTable.StoredEvent> after(long after, int limit, Optional<String> aggregate) {
        return store.after(after, limit, aggregate);
    }
}
