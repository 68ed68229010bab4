package dev.catalog.query.infrastructure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
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
    }

    private final JdbcClient jdbc;

    public EventLog(@Qualifier("readsJdbcClient") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The position of the last stored event; 0 when the store is empty. */
    public long head() {
        return jdbc.sql("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry").query(Long.class).single();
    }

    /** When the first event after {@code position} was stored; empty when there is none (yet). */
    public Optional<Instant> storedAfter(long position) {
        return jdbc.sql("SELECT timestamp FROM domainevententry WHERE globalindex > :position ORDER BY globalindex LIMIT 1")
                .param("position", position)
                .query(String.class).optional().map(Instant::parse);
    }

    /** At most {@code limit} events after position {@code after}, in position order; only {@code aggregate}'s if given. */
    public List<StoredEvent> after(long after, int limit, Optional<String> aggregate) {
        return jdbc.sql("""
                        SELECT globalindex, aggregateidentifier, type, sequencenumber, payloadtype, payloadrevision,
                               timestamp, payload, eventidentifier, metadata
                          FROM domainevententry
                         WHERE globalindex > :after
                           AND (CAST(:aggregate AS varchar) IS NULL OR aggregateidentifier = :aggregate)
                         ORDER BY globalindex
                         LIMIT :limit""")
                .param("after", after)
                .param("aggregate", aggregate.orElse(null))
                .param("limit", limit)
                .query((rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7),
                        new String(rs.getBytes(8), StandardCharsets.UTF_8), rs.getString(9),
                        rs.getBytes(10) == null ? null : new String(rs.getBytes(10), StandardCharsets.UTF_8)))
                .list();
    }
}
