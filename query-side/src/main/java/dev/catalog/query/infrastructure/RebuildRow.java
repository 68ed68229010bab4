package dev.catalog.query.infrastructure;

import dev.catalog.platform.eventstore.EventStoreTable;
import dev.catalog.query.infrastructure.ViewRebuild.Progress;
import dev.catalog.query.infrastructure.ViewRebuild.State;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One view's rebuild as stored in {@code view_rebuild}, what every instance sees of it: its state, its position
 * (committed with each page it projected), its progress, and whether it is being aborted. The runner's calls are on
 * its own connection; {@link #progress} and {@link #markAborting} on any.
 */
final class RebuildRow {

    private final JdbcTemplate sql;
    private final String projection;

    RebuildRow(JdbcTemplate sql, String projection) {
        this.sql = sql;
        this.projection = projection;
    }

    /** The rebuild of {@code projection} in progress on any instance, else the last one; empty when there was none. */
    static Optional<Progress> progress(JdbcClient jdbc, String projection) {
        return jdbc.sql("""
                        SELECT projection, state, position, head, events_done, resumed_done, resumed_at, aborting, failure,
                               started_at, updated_at, held_back_ms,
                               EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                                          AND classid = CAST(:lockClass AS oid) AND objid = CAST(:lockObject AS oid)
                                          AND objsubid = 2) AS running
                          FROM view_rebuild WHERE projection = :projection""")
                .param("lockClass", RebuildRunner.LOCK_CLASS)
                .param("lockObject", RebuildRunner.lockObject(projection))
                .param("projection", projection)
                .query((rs, row) -> {
                    Instant resumedAt = rs.getObject("resumed_at", OffsetDateTime.class).toInstant();
                    Instant updatedAt = rs.getObject("updated_at", OffsetDateTime.class).toInstant();
                    long since = rs.getLong("events_done") - rs.getLong("resumed_done");
                    double seconds = (updatedAt.toEpochMilli() - resumedAt.toEpochMilli()) / 1000.0;
                    return new Progress(rs.getString("projection"), State.valueOf(rs.getString("state")),
                            rs.getLong("position"), rs.getLong("head"), rs.getLong("events_done"),
                            seconds > 0 ? since / seconds : 0, rs.getBoolean("running"), rs.getBoolean("aborting"),
                            rs.getString("failure"), rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                            updatedAt, rs.getObject("held_back_ms", Long.class));
                })
                .optional();
    }

    /** Tells the rebuild of {@code projection} to stop and be dropped; false when none is in progress. */
    static boolean markAborting(JdbcClient jdbc, String projection) {
        return jdbc.sql("UPDATE view_rebuild SET aborting = true WHERE projection = :projection AND state <> 'DONE'")
                .param("projection", projection).update() != 0;
    }

    /** The row as read by {@link #lockForUpdate}. */
    record Found(Map<String, Object> row) {

        boolean aborting() {
            return (Boolean) row.get("aborting");
        }

        boolean done() {
            return State.DONE.name().equals(row.get("state"));
        }

        EventPages.Position position() {
            return RebuildRow.position(row);
        }
    }

    /** In the current transaction: the row, locked until it ends; empty when there is none. */
    Optional<Found> lockForUpdate() {
        List<Map<String, Object>> rows = sql.queryForList(
                "SELECT position, gaps, aborting, state FROM view_rebuild WHERE projection = ? FOR UPDATE", projection);
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Found(rows.getFirst()));
    }

    /** Building again, with its rate measured from now. */
    void resume() {
        sql.update("UPDATE view_rebuild SET state = 'BUILDING', failure = NULL, resumed_at = now(), "
                + "resumed_done = events_done, updated_at = now() WHERE projection = ?", projection);
    }

    void delete() {
        sql.update("DELETE FROM view_rebuild WHERE projection = ?", projection);
    }

    /** A new rebuild, building from the start of the store. */
    void insert() {
        sql.update("""
                INSERT INTO view_rebuild (projection, position, gaps, events_done, head, state, started_at,
                                          resumed_at, resumed_done, updated_at)
                VALUES (?, 0, '{}', 0, %s, 'BUILDING', now(), now(), 0, now())""".formatted(EventStoreTable.HEAD),
                projection);
    }

    /** In the current transaction: the row moved past {@code page}; false when the rebuild was aborted. */
    boolean record(EventPages.Page page) {
        return sql.update("""
                UPDATE view_rebuild
                   SET position = ?, gaps = ?, events_done = events_done + ?,
                       head = GREATEST(head, ?, %s),
                       updated_at = now()
                 WHERE projection = ? AND NOT aborting""".formatted(EventStoreTable.HEAD),
                page.next().index(), page.next().gapArray(), page.events().size(), page.next().index(),
                projection) == 1;
    }

    /** Moves to {@code state}; false when the rebuild was aborted. */
    boolean state(State state) {
        return sql.update("UPDATE view_rebuild SET state = ?, updated_at = now() WHERE projection = ? AND NOT aborting",
                state.name(), projection) != 0;
    }

    /** In the switch's transaction: switched, after holding the view's writers back {@code heldBack} ms. */
    void done(long heldBack) {
        sql.update("UPDATE view_rebuild SET state = 'DONE', held_back_ms = ?, updated_at = now() "
                + "WHERE projection = ?", heldBack, projection);
    }

    void fail(String failure) {
        sql.update("UPDATE view_rebuild SET state = 'FAILED', failure = ?, updated_at = now() WHERE projection = ?",
                failure, projection);
    }

    /** The position as committed. */
    EventPages.Position position() {
        return position(sql.queryForMap("SELECT position, gaps FROM view_rebuild WHERE projection = ?", projection));
    }

    private static EventPages.Position position(Map<String, Object> row) {
        try {
            return EventPages.Position.of((Long) row.get("position"),
                    Arrays.asList((Long[]) ((java.sql.Array) row.get("gaps")).getArray()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
