package dev.catalog.query.infrastructure;

import dev.catalog.platform.eventstore.EventStoreTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads the event store in large pages, for work that replays all of it (a rebuild): one statement per page
 * straight on the store's table ({@link EventStoreTable#entries}), upcast and deserialized like the event store does it.
 *
 * <p>A transaction that took a position but commits after later ones leaves a gap, which a later page fills: the
 * position of a page is where it ended and the gaps below it ({@link Position}). A gap is given up once the event
 * just after it is older than {@value #GAP_TIMEOUT_SECONDS} s: no command's transaction stays open that long.
 */
@Component
public class EventPages {

    static final long GAP_TIMEOUT_SECONDS = 60;

    /**
     * Where a reader is: every event up to {@code index} was read, except those at {@code gaps}, each with when
     * it was found; the first position is {@link #START}.
     */
    public record Position(long index, TreeMap<Long, Instant> gaps) {

        public static final Position START = new Position(0, new TreeMap<>());

        /** A position as stored; its gaps count as just found. */
        public static Position of(long index, List<Long> gaps) {
            TreeMap<Long, Instant> found = new TreeMap<>();
            gaps.forEach(gap -> found.put(gap, Instant.now()));
            return new Position(index, found);
        }

        public Long[] gapArray() {
            return gaps.keySet().toArray(Long[]::new);
        }
    }

    /** The events of one page, in position order, and the position after them. */
    public record Page(List<TrackedEventMessage<?>> events, Position next) {
    }

    private final EventStoreTable store;
    private final Serializer serializer;
    private final Configuration axon;

    public EventPages(DataSource dataSource, @Qualifier("eventSerializer") Serializer serializer,
                      @Lazy Configuration axon) {
        this.store = new EventStoreTable(dataSource);
        this.serializer = serializer;
        this.axon = axon;
    }

    /** At most {@code limit} events after {@code from}, with every gap of {@code from} that has been filled since. */
    public Page after(Position from, int limit) {
        List<EventStoreTable.Entry> rows = store.entries(from.gaps().keySet(), from.index(), limit);
        Position next = advance(from, rows);
        List<TrackedEventMessage<?>> events;
        try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                rows.stream().map(EventStoreTable.Entry::data), serializer, axon.upcasterChain())) {
            events = messages.toList();
        }
        return new Page(events, next);
    }

    /** The position after {@code rows}: filled gaps removed, skipped positions added, stale gaps given up. */
    static Position advance(Position from, List<EventStoreTable.Entry> rows) {
        TreeMap<Long, Instant> gaps = new TreeMap<>(from.gaps());
        long index = from.index();
        for (EventStoreTable.Entry row : rows) {
            if (row.position() <= from.index()) {
                gaps.remove(row.position());
                continue;
            }
            for (long skipped = index + 1; skipped < row.position(); skipped++) {
                gaps.put(skipped, row.data().getTimestamp());
            }
            index = row.position();
        }
        Instant cutoff = Instant.now().minus(Duration.ofSeconds(GAP_TIMEOUT_SECONDS));
        gaps.values().removeIf(foundAfter -> foundAfter.isBefore(cutoff));
        return new Position(index, gaps);
    }
}
