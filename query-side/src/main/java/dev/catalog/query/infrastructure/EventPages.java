package dev.catalog.query.infrastructure;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the event store in large pages, for work that replays all of it (a rebuild): one statement per page
 * straight on {@code domainevententry}, upcast and deserialized like the event store does it.
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

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Configuration axon;

    public EventPages(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, @Lazy Configuration axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
    }

    /** At most {@code limit} events after {@code from}, with every gap of {@code from} that has been filled since. */
    public Page after(Position from, int limit) {
        List<Row> rows = jdbc.execute((ConnectionCallback<List<Row>>) connection -> {
            Array gaps = connection.createArrayOf("bigint", from.gapArray());
            try (var statement = connection.prepareStatement("""
                    (SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp,
                            payloadtype, payloadrevision, payload, metadata
                       FROM domainevententry WHERE globalindex = ANY (?))
                    UNION ALL
                    (SELECT globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp,
                            payloadtype, payloadrevision, payload, metadata
                       FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT ?)
                    ORDER BY globalindex""")) {
                statement.setArray(1, gaps);
                statement.setLong(2, from.index());
                statement.setInt(3, limit);
                statement.setFetchSize(limit + from.gaps().size());
                List<Row> read = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        read.add(Row.of(rs));
                    }
                }
                return read;
            }
        });
        Position next = advance(from, rows);
        List<TrackedEventMessage<?>> events;
        try (Stream<TrackedEventMessage<?>> messages = EventUtils.upcastAndDeserializeTrackedEvents(
                rows.stream().map(Row::data), serializer, axon.upcasterChain())) {
            events = messages.toList();
        }
        return new Page(events, next);
    }

    /** The position after {@code rows}: filled gaps removed, skipped positions added, stale gaps given up. */
    static Position advance(Position from, List<Row> rows) {
        TreeMap<Long, Instant> gaps = new TreeMap<>(from.gaps());
        long index = from.index();
        for (Row row : rows) {
            if (row.index() <= from.index()) {
                gaps.remove(row.index());
                continue;
            }
            for (long skipped = index + 1; skipped < row.index(); skipped++) {
                gaps.put(skipped, row.data().getTimestamp());
            }
            index = row.index();
        }
        Instant cutoff = Instant.now().minus(Duration.ofSeconds(GAP_TIMEOUT_SECONDS));
        gaps.values().removeIf(foundAfter -> foundAfter.isBefore(cutoff));
        return new Position(index, gaps);
    }

    /** One stored event, as read. */
    record Row(long index, TrackedDomainEventData<byte[]> data) {

        static Row of(ResultSet rs) throws SQLException {
            long index = rs.getLong("globalindex");
            GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(rs.getString("type"),
                    rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), rs.getString("eventidentifier"),
                    rs.getString("timestamp"), rs.getString("payloadtype"), rs.getString("payloadrevision"),
                    rs.getBytes("payload"), rs.getBytes("metadata"));
            return new Row(index, new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(index), entry));
        }
    }
}
