package dev.catalog.platform.eventstore;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SQL of the catalog on Axon's event-store table, {@code domainevententry}: the one place that knows its name
 * and columns. Axon's storage engine appends and reads events for the aggregates and processors; this is for what
 * it offers no call for.
 *
 * <p>What callers must know:
 * <ul>
 *   <li>Every call is one statement on the {@link DataSource} given, and joins the calling thread's transaction on
 *       it if there is one: pass the pool the work belongs to (the reads pool for queries, the primary one for a
 *       command's transaction).</li>
 *   <li>Positions ({@code globalindex}) start at 1 and are taken when a transaction writes, not when it commits: a
 *       transaction that commits after a later one leaves a gap below the head for a while, which fills when it
 *       commits. Only committed events are read.</li>
 * </ul>
 */
public final class EventStoreTable {

    /**
     * The head of the store, the highest position (0 when empty), as a scalar subquery for a statement of the
     * caller's own that must read it in that statement's snapshot.
     */
    public static final String HEAD = "(SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry)";

    private static final String COLUMNS = """
            globalindex, type, aggregateidentifier, sequencenumber, eventidentifier, timestamp, payloadtype,
            payloadrevision, payload, metadata""";

    private final JdbcTemplate template;
    private final JdbcClient jdbc;

    public EventStoreTable(DataSource dataSource) {
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
    }

    /** The position of the last stored event; 0 when the store is empty. */
    public long head() {
        return jdbc.sql("SELECT " + HEAD).query(Long.class).single();
    }

    /** Whether no event is stored. */
    public boolean isEmpty() {
        return jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM domainevententry)").query(Boolean.class).single();
    }

    /** When the first event after {@code position} was stored; empty when there is none (yet). */
    public Optional<Instant> storedAfter(long position) {
        return jdbc.sql("SELECT timestamp FROM domainevententry WHERE globalindex > :position ORDER BY globalindex LIMIT 1")
                .param("position", position)
                .query(String.class).optional().map(Instant::parse);
    }

    /**
     * The committed positions among the last {@code window} up to the head (the head included), ascending; empty
     * when the store is.
     */
    public List<Long> positionsNearHead(int window) {
        return jdbc.sql("SELECT globalindex FROM domainevententry WHERE globalindex > " + HEAD + " - :window "
                        + "ORDER BY globalindex")
                .param("window", window).query(Long.class).list();
    }

    /**
     * The positions of {@code aggregate}'s events from sequence number {@code firstSequence} on, by sequence number.
     */
    public Map<Long, Long> positionsBySequence(String aggregate, long firstSequence) {
        return jdbc.sql("""
                        SELECT sequencenumber, globalindex FROM domainevententry
                         WHERE aggregateidentifier = :id AND sequencenumber >= :first""")
                .param("id", aggregate).param("first", firstSequence)
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Where an event is, and when its aggregate was created.
     *
     * @param position         its own position
     * @param aggregateCreated when its aggregate's first event (sequence number 0) was stored; its own time when
     *                         that event is not stored
     */
    public record Placement(long position, Instant aggregateCreated) {
    }

    /** The {@link Placement} of each stored event of {@code eventIdentifiers}, by identifier; one statement. */
    public Map<String, Placement> placements(Collection<String> eventIdentifiers) {
        if (eventIdentifiers.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                        SELECT e.eventidentifier, e.globalindex, COALESCE(first.timestamp, e.timestamp)
                          FROM domainevententry e
                          LEFT JOIN domainevententry first
                            ON first.aggregateidentifier = e.aggregateidentifier AND first.sequencenumber = 0
                         WHERE e.eventidentifier = ANY(:ids)""")
                .param("ids", eventIdentifiers.toArray(String[]::new))
                .query((rs, row) -> Map.entry(rs.getString(1),
                        new Placement(rs.getLong(2), Instant.parse(rs.getString(3)))))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * One stored event, as operators read it.
     *
     * @param position   its global position (1 first)
     * @param aggregate  its aggregate's identifier, e.g. {@code product-7}, and {@code aggregateType}, e.g. {@code Product}
     * @param sequence   its number in the aggregate's history, 0 first
     * @param type       the payload's type and {@code revision}
     * @param timestamp  when it was stored (ISO-8601)
     * @param payload    the payload, as stored (JSON)
     * @param identifier the event's identifier
     * @param metadata   its metadata, as stored (JSON); null when none
     */
    public record StoredEvent(long position, String aggregate, String aggregateType, long sequence, String type,
                              String revision, String timestamp, String payload, String identifier, String metadata) {
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

    /**
     * One stored event, serialized, as Axon's storage engine reads it.
     *
     * @param data its token is a {@link GlobalSequenceTrackingToken} at {@code position}
     */
    public record Entry(long position, TrackedDomainEventData<byte[]> data) {
    }

    /**
     * The events at {@code positions} (those committed by now) and the first {@code limit} after {@code after}, in
     * position order, in one statement: for a reader in pages that looks again at the gaps it left behind.
     */
    public List<Entry> entries(Collection<Long> positions, long after, int limit) {
        return template.execute((ConnectionCallback<List<Entry>>) connection -> {
            Array gaps = connection.createArrayOf("bigint", positions.toArray(Long[]::new));
            try (var statement = connection.prepareStatement(
                    "(SELECT " + COLUMNS + " FROM domainevententry WHERE globalindex = ANY (?))"
                            + " UNION ALL (SELECT " + COLUMNS + " FROM domainevententry WHERE globalindex > ?"
                            + " ORDER BY globalindex LIMIT ?) ORDER BY globalindex")) {
                statement.setArray(1, gaps);
                statement.setLong(2, after);
                statement.setInt(3, limit);
                statement.setFetchSize(limit + positions.size());
                List<Entry> read = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        read.add(entry(rs));
                    }
                }
                return read;
            }
        });
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        long index = rs.getLong("globalindex");
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>(rs.getString("type"),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), rs.getString("eventidentifier"),
                rs.getString("timestamp"), rs.getString("payloadtype"), rs.getString("payloadrevision"),
                rs.getBytes("payload"), rs.getBytes("metadata"));
        return new Entry(index, new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(index), entry));
    }

    /**
     * Empties the store in one {@code TRUNCATE} together with {@code tables} (names the caller owns, written into the
     * statement as given), in the caller's transaction.
     */
    public void truncateWith(String... tables) {
        List<String> truncated = new ArrayList<>(List.of("domainevententry"));
        truncated.addAll(List.of(tables));
        jdbc.sql("TRUNCATE " + String.join(", ", truncated)).update();
    }

    /**
     * Stores the rows of {@code query} as they are, positions included, and moves the position sequence to the new
     * head, so that appends continue after them. The query must return, in this order: position, aggregate
     * identifier, sequence number, aggregate type, event identifier, metadata, payload, payload revision, payload type,
     * timestamp; and at least one row.
     */
    public void insertKeepingPositions(String query) {
        jdbc.sql("""
                INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, eventidentifier,
                                              metadata, payload, payloadrevision, payloadtype, timestamp)
                """ + query).update();
        jdbc.sql("SELECT setval(pg_get_serial_sequence('domainevententry', 'globalindex'), "
                + "(SELECT MAX(globalindex) FROM domainevententry))").query().singleRow();
    }
}
