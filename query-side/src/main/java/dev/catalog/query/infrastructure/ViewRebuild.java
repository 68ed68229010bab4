package dev.catalog.query.infrastructure;

import dev.catalog.platform.database.Workload;
import dev.catalog.platform.eventstore.EventStoreTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read view beside the live one (blue/green) while the API keeps serving it and commands keep writing it.
 *
 * <ol>
 *   <li>A new table shaped like the live view (columns, defaults, generated columns, primary key) is created in
 *       schema {@code catalog_rebuild}, under the same name.</li>
 *   <li>Every stored event goes through the view's projection into it, a page at a time ({@link EventPages},
 *       {@link ViewWrites#batching}); each page commits with the rebuild's position in {@code view_rebuild}, so a
 *       rebuild stopped by a crash or a shutdown resumes from there ({@link #begin} again).</li>
 *   <li>At the head of the store the live view's other indexes are built on it and it is analyzed, then it catches
 *       up with what the commands wrote meanwhile.</li>
 *   <li>The switch, one transaction: the live view is locked against writes (reads go on), the last events are
 *       projected, the live table moves to schema {@code catalog_retired} and the new one takes its place. Every
 *       instance reads the new table from that commit on: queries name the view, and PostgreSQL resolves the name
 *       again for a statement that waited on the lock or was prepared before. A command that appended its event
 *       but had not yet written the view when the lock was taken writes the new table once it gets it. The retired
 *       table is dropped afterwards.</li>
 * </ol>
 *
 * <p>One rebuild per view at a time, across instances: the runner holds a PostgreSQL advisory lock on its own
 * connection, released by a crash as by the end. Read-your-writes holds throughout: until the switch the live
 * view is written by the commands as always, and the switch is taken only with every event committed before it.
 */
@Component
@EnableConfigurationProperties(RebuildProperties.class)
public class ViewRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewRebuild.class);
    /** First key of the advisory locks ('CTLG'); the second is the projection's place in {@link ProjectionGroups#ALL}. */
    private static final int LOCK_CLASS = 0x43544c47;
    private static final String REBUILD_SCHEMA = "catalog_rebuild";
    private static final String RETIRED_SCHEMA = "catalog_retired";

    /** The states a rebuild goes through, as {@code view_rebuild.state}. */
    public enum State { BUILDING, INDEXING, SWITCHING, FAILED, DONE }

    /**
     * A rebuild in progress, or the last one ({@link State#DONE}), as stored (what any instance sees).
     *
     * @param position        the last event read; {@code head} the head of the store when last looked at
     * @param eventsDone      events read since it started
     * @param eventsPerSecond since it was last started or resumed
     * @param running         whether an instance is working on it now; false after a crash or a failure: start it
     *                        again to resume, or abort it
     * @param heldBackMillis  once done: how long the switch held back the commands that write the view
     */
    public record Progress(String projection, State state, long position, long head, long eventsDone,
                           double eventsPerSecond, boolean running, boolean aborting, String failure,
                           Instant startedAt, Instant updatedAt, Long heldBackMillis) {

        /** Whether it is still to switch: building, stopped or failed. */
        public boolean inProgress() {
            return state != State.DONE;
        }
    }

    /** What {@link #abort} came to. */
    public enum Aborted { NONE, ABORTED, STOPPING }

    /** Thrown when a rebuild of the same view runs on another instance. */
    public static final class RunningElsewhereException extends RuntimeException {
        RunningElsewhereException(String projection) {
            super("A rebuild of " + projection + " is running on another instance");
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final EventPages pages;
    private final RebuildProperties properties;
    private final ViewProjections projections;
    private final Map<String, CompletableFuture<Long>> running = new ConcurrentHashMap<>();
    private final ExecutorService runners = Executors.newCachedThreadPool(Workload.PROCESSING.threadFactory("view-rebuild"));
    private volatile boolean stopping;

    public ViewRebuild(DataSource dataSource, JdbcClient jdbc, EventPages pages, RebuildProperties properties,
                       ViewProjections projections) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.pages = pages;
        this.properties = properties;
        this.projections = projections;
    }

    /** True for the projections that can be rebuilt: the view projections. */
    public static boolean rebuildable(String projection) {
        return ProjectionGroups.VIEWS.containsKey(projection);
    }

    /**
     * Starts rebuilding {@code projection} on this instance, or resumes the rebuild a crash or a failure left; does
     * nothing when it already runs here. Returns once the runner holds the rebuild, with a future that completes
     * after the switch (with the events read) or when the rebuild is aborted or fails.
     *
     * @throws IllegalArgumentException  for a projection that is not a view's
     * @throws RunningElsewhereException when another instance is rebuilding it
     */
    public CompletableFuture<Long> begin(String projection) {
        requireView(projection);
        if (stopping) {
            throw new IllegalStateException("The instance is shutting down");
        }
        CompletableFuture<Void> held = new CompletableFuture<>();
        CompletableFuture<Long> done = new CompletableFuture<>();
        CompletableFuture<Long> existing = running.putIfAbsent(projection, done);
        if (existing != null) {
            return existing;
        }
        runners.execute(() -> {
            try {
                done.complete(run(projection, held));
            } catch (Throwable e) {
                held.completeExceptionally(e);
                done.completeExceptionally(e);
            } finally {
                running.remove(projection, done);
            }
        });
        try {
            held.join();
        } catch (CompletionException e) {
            // RunningElsewhereException, or a failure of the preparation
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return done;
    }

    /** Rebuilds {@code projection} and waits for the switch: for imports and tests. */
    public long rebuild(String projection) {
        return begin(projection).join();
    }

    /** The rebuild of {@code projection} in progress on any instance, else the last one; empty when there was none. */
    public Optional<Progress> progress(String projection) {
        requireView(projection);
        return jdbc.sql("""
                        SELECT projection, state, position, head, events_done, resumed_done, resumed_at, aborting, failure,
                               started_at, updated_at, held_back_ms,
                               EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                                          AND classid = CAST(:lockClass AS oid) AND objid = CAST(:lockObject AS oid)
                                          AND objsubid = 2) AS running
                          FROM view_rebuild WHERE projection = :projection""")
                .param("lockClass", LOCK_CLASS)
                .param("lockObject", ProjectionGroups.ALL.indexOf(projection))
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

    /**
     * Abandons the rebuild of {@code projection}: the new table is dropped, the live view stays. A rebuild that runs
     * on another instance stops at its next page ({@link Aborted#STOPPING}); one running here is waited for.
     */
    public Aborted abort(String projection) {
        requireView(projection);
        if (jdbc.sql("UPDATE view_rebuild SET aborting = true WHERE projection = :projection AND state <> 'DONE'")
                .param("projection", projection).update() == 0) {
            return Aborted.NONE;
        }
        CompletableFuture<Long> here = running.get(projection);
        if (here != null) {
            try {
                here.get(30, TimeUnit.SECONDS);
            } catch (Exception stoppedOrFailed) {
                // the runner removed the new table, or it failed: either way, look below
            }
        }
        CompletableFuture<Aborted> outcome = CompletableFuture.supplyAsync(() -> {
            try (Runner runner = new Runner(projection)) {
                if (!runner.lock()) {
                    return Aborted.STOPPING;
                }
                runner.discard();
                return Aborted.ABORTED;
            } catch (SQLException e) {
                throw new IllegalStateException("Aborting the rebuild of " + projection + " failed", e);
            }
        }, runners);
        return outcome.join();
    }

    private long run(String projection, CompletableFuture<Void> held) throws SQLException {
        try (Runner runner = new Runner(projection)) {
            if (!runner.lock()) {
                throw new RunningElsewhereException(projection);
            }
            try {
                runner.prepare();
            } catch (RuntimeException e) {
                held.completeExceptionally(e);
                throw e;
            }
            held.complete(null);
            try {
                return runner.build();
            } catch (RuntimeException e) {
                runner.fail(e);
                throw e;
            }
        }
    }

    private static void requireView(String projection) {
        if (!rebuildable(projection)) {
            throw new IllegalArgumentException(projection + " is not a view projection: one of "
                    + String.join(", ", ProjectionGroups.ALL));
        }
    }

    @Override
    public void start() {
        stopping = false;
    }

    /** Stops the rebuilds running here after their current page; they resume when started again. */
    @Override
    public void stop() {
        stopping = true;
        for (CompletableFuture<Long> rebuild : running.values()) {
            try {
                rebuild.get(30, TimeUnit.SECONDS);
            } catch (Exception stoppedOrFailed) {
                // stopped: its row stays, to be resumed
            }
        }
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    /** Thrown inside a runner when the rebuild was aborted or the instance stops. */
    private static final class Interrupted extends RuntimeException {
        final boolean aborted;

        Interrupted(boolean aborted) {
            super(aborted ? "aborted" : "stopped");
            this.aborted = aborted;
        }
    }

    /** One rebuild's work, on a connection of its own that holds the rebuild's advisory lock. */
    private final class Runner implements AutoCloseable {

        private final String projection;
        private final String view;
        private final EventMessageHandler handler;
        private final Connection connection;
        private final JdbcTemplate sql;
        private final NamedParameterJdbcTemplate named;
        private final TransactionTemplate transaction;
        private final String liveSchema;
        private boolean locked;
        private EventPages.Position position;
        /** How long the switch held the view's writers back, in milliseconds. */
        private long heldBack;

        Runner(String projection) throws SQLException {
            this.projection = projection;
            this.view = ProjectionGroups.VIEWS.get(projection);
            this.handler = projections.of(projection);
            this.connection = dataSource.getConnection();
            SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
            this.sql = new JdbcTemplate(single);
            this.named = new NamedParameterJdbcTemplate(sql);
            this.transaction = new TransactionTemplate(new DataSourceTransactionManager(single));
            this.liveSchema = sql.queryForObject("SELECT relnamespace::regnamespace::text FROM pg_class "
                    + "WHERE oid = to_regclass(?)", String.class, view);
        }

        boolean lock() {
            locked = Boolean.TRUE.equals(sql.queryForObject("SELECT pg_try_advisory_lock(?, ?)", Boolean.class,
                    LOCK_CLASS, ProjectionGroups.ALL.indexOf(projection)));
            return locked;
        }

        /** Creates the new table and the rebuild's row, or picks up the ones a stopped rebuild left. */
        void prepare() {
            transaction.executeWithoutResult(status -> {
                List<Map<String, Object>> rows = sql.queryForList(
                        "SELECT position, gaps, aborting, state FROM view_rebuild WHERE projection = ? FOR UPDATE", projection);
                if (!rows.isEmpty() && !(Boolean) rows.getFirst().get("aborting")
                        && !State.DONE.name().equals(rows.getFirst().get("state")) && table(REBUILD_SCHEMA) != null) {
                    position = stored(rows.getFirst());
                    sql.update("UPDATE view_rebuild SET state = 'BUILDING', failure = NULL, resumed_at = now(), "
                            + "resumed_done = events_done, updated_at = now() WHERE projection = ?", projection);
                    log.info("Resuming the rebuild of {} from position {}", projection, position.index());
                    return;
                }
                sql.update("DELETE FROM view_rebuild WHERE projection = ?", projection);
                sql.execute("DROP TABLE IF EXISTS " + REBUILD_SCHEMA + "." + view);
                sql.execute("CREATE TABLE " + REBUILD_SCHEMA + "." + view + " (LIKE " + live() + " INCLUDING DEFAULTS "
                        + "INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)");
                // Primary key and unique constraints now (the projection's upserts need them), other indexes at the end.
                for (Map<String, Object> constraint : sql.queryForList("""
                        SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                         WHERE conrelid = to_regclass(?) AND contype IN ('p', 'u') ORDER BY conname""", live())) {
                    sql.execute("ALTER TABLE " + REBUILD_SCHEMA + "." + view + " ADD CONSTRAINT "
                            + constraint.get("conname") + " " + constraint.get("definition"));
                }
                sql.update("""
                        INSERT INTO view_rebuild (projection, position, gaps, events_done, head, state, started_at,
                                                  resumed_at, resumed_done, updated_at)
                        VALUES (?, 0, '{}', 0, %s, 'BUILDING', now(), now(), 0, now())""".formatted(EventStoreTable.HEAD),
                        projection);
                position = EventPages.Position.START;
                log.info("Rebuilding {} beside the live view", projection);
            });
        }

        /** Builds, catches up and switches; returns the events read by this run. */
        long build() {
            long read;
            try {
                read = catchUp();
                state(State.INDEXING);
                transaction.executeWithoutResult(status -> {
                    sql.execute("SET LOCAL statement_timeout = 0");
                    for (String definition : sql.queryForList("""
                            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                             WHERE i.indrelid = to_regclass(?)
                               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
                            String.class, live())) {
                        sql.execute(definition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")
                                .replace(" ON " + live() + " ", " ON " + REBUILD_SCHEMA + "." + view + " ")
                                .replace(" ON ONLY " + live() + " ", " ON " + REBUILD_SCHEMA + "." + view + " "));
                    }
                    sql.execute("ANALYZE " + REBUILD_SCHEMA + "." + view);
                });
                read += catchUp();
                state(State.SWITCHING);
                read += switchOver();
            } catch (Interrupted e) {
                if (e.aborted) {
                    discard();
                    log.info("Aborted the rebuild of {}", projection);
                } else {
                    log.info("Stopped the rebuild of {} at position {}; start it again to resume", projection,
                            position.index());
                }
                throw e;
            }
            sql.execute("DROP TABLE IF EXISTS " + RETIRED_SCHEMA + "." + view);
            log.info("Rebuilt {}: switched to the new table after {} events; the switch held its writers back {} ms",
                    projection, read, heldBack);
            return read;
        }

        /**
         * Projects pages until one comes back short: the head of the store. The next page is read and deserialized
         * on another thread while this one is written.
         */
        private long catchUp() {
            long read = 0;
            CompletableFuture<EventPages.Page> next = CompletableFuture.completedFuture(read(position));
            while (true) {
                if (stopping) {
                    throw new Interrupted(false);
                }
                EventPages.Page page = next.join();
                boolean full = page.events().size() == properties.pageSize();
                if (full) {
                    next = CompletableFuture.supplyAsync(() -> read(page.next()), runners);
                }
                write(page);
                read += page.events().size();
                if (!full) {
                    return read;
                }
            }
        }

        /** A page after {@code from}, with the payloads the projection handles deserialized. */
        private EventPages.Page read(EventPages.Position from) {
            EventPages.Page page = pages.after(from, properties.pageSize());
            for (TrackedEventMessage<?> event : page.events()) {
                if (handler.canHandle(event)) {
                    event.getPayload();
                }
            }
            return page;
        }

        /** Projects and commits one page with the rebuild's new position. */
        private void write(EventPages.Page page) {
            if (!Boolean.TRUE.equals(transaction.execute(status -> apply(page, status)))) {
                throw new Interrupted(true);
            }
            position = page.next();
        }

        /**
         * In the current transaction: {@code page} projected into the new table and the rebuild's row moved past it;
         * false, with the transaction set to roll back, when the rebuild was aborted.
         */
        private boolean apply(EventPages.Page page, TransactionStatus status) {
            if (!record(page)) {
                status.setRollbackOnly();
                return false;
            }
            project(page.events());
            return true;
        }

        /** In the current transaction: the rebuild's row moved past {@code page}; false when it was aborted. */
        private boolean record(EventPages.Page page) {
            return sql.update("""
                    UPDATE view_rebuild
                       SET position = ?, gaps = ?, events_done = events_done + ?,
                           head = GREATEST(head, ?, %s),
                           updated_at = now()
                     WHERE projection = ? AND NOT aborting""".formatted(EventStoreTable.HEAD),
                    page.next().index(), page.next().gapArray(), page.events().size(), page.next().index(),
                    projection) == 1;
        }

        /** In the current transaction: {@code events} through the projection into the new table. */
        private void project(List<TrackedEventMessage<?>> events) {
            // Only the new table's schema: a statement of the projection cannot reach the live view.
            sql.execute("SET LOCAL search_path TO " + REBUILD_SCHEMA);
            try (ViewWrites.Batch batch = ViewWrites.batching(named)) {
                for (TrackedEventMessage<?> event : events) {
                    if (handler.canHandle(event)) {
                        handler.handle(event);
                    }
                }
                batch.flush();
            } catch (Exception e) {
                throw new IllegalStateException("Projecting into the new " + view + " failed", e);
            }
            sql.execute("SET LOCAL search_path TO DEFAULT");
        }

        /** The switch; retried after catching up again when the live view's lock was not granted in time. */
        private long switchOver() {
            long read = 0;
            while (true) {
                try {
                    Long last = transaction.execute(status -> {
                        sql.execute("SET LOCAL lock_timeout = " + properties.switchLockTimeout().toMillis());
                        // Holds back the commands that write the view (they wait), lets queries go on.
                        sql.execute("LOCK TABLE " + live() + " IN EXCLUSIVE MODE");
                        long lockedAt = System.nanoTime();
                        long events = 0;
                        int size;
                        do {
                            EventPages.Page page = pages.after(position, properties.pageSize());
                            if (!apply(page, status)) {
                                return null;
                            }
                            position = page.next();
                            size = page.events().size();
                            events += size;
                        } while (size == properties.pageSize());
                        sql.execute("ALTER TABLE " + live() + " SET SCHEMA " + RETIRED_SCHEMA);
                        sql.execute("ALTER TABLE " + REBUILD_SCHEMA + "." + view + " SET SCHEMA " + liveSchema);
                        heldBack = (System.nanoTime() - lockedAt) / 1_000_000;
                        sql.update("UPDATE view_rebuild SET state = 'DONE', held_back_ms = ?, updated_at = now() "
                                + "WHERE projection = ?", heldBack, projection);
                        return events;
                    });
                    if (last == null) {
                        throw new Interrupted(true);
                    }
                    return read + last;
                } catch (RuntimeException e) {
                    if (!lockNotGranted(e)) {
                        throw e;
                    }
                    log.info("The switch of {} did not get the live view's lock in {}; catching up and trying again",
                            projection, properties.switchLockTimeout());
                    position = reloadPosition();
                    read += catchUp();
                }
            }
        }

        private static boolean lockNotGranted(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sqlException && "55P03".equals(sqlException.getSQLState())) {
                    return true;
                }
            }
            return false;
        }

        /** The position as committed: the failed switch's pages were rolled back with it. */
        private EventPages.Position reloadPosition() {
            return stored(sql.queryForMap("SELECT position, gaps FROM view_rebuild WHERE projection = ?", projection));
        }

        /** The position in a row of {@code view_rebuild}. */
        private EventPages.Position stored(Map<String, Object> row) {
            try {
                return EventPages.Position.of((Long) row.get("position"),
                        Arrays.asList((Long[]) ((java.sql.Array) row.get("gaps")).getArray()));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Drops the new table and the rebuild's row: the live view stays as it is. */
        void discard() {
            transaction.executeWithoutResult(status -> {
                sql.execute("DROP TABLE IF EXISTS " + REBUILD_SCHEMA + "." + view);
                sql.update("DELETE FROM view_rebuild WHERE projection = ?", projection);
            });
        }

        void fail(RuntimeException e) {
            if (e instanceof Interrupted) {
                return;
            }
            log.error("The rebuild of {} failed at position {}; start it again to resume, or abort it", projection,
                    position == null ? 0 : position.index(), e);
            try {
                sql.update("UPDATE view_rebuild SET state = 'FAILED', failure = ?, updated_at = now() WHERE projection = ?",
                        String.valueOf(e.getMessage()), projection);
            } catch (RuntimeException unrecorded) {
                e.addSuppressed(unrecorded);
            }
        }

        private void state(State state) {
            if (sql.update("UPDATE view_rebuild SET state = ?, updated_at = now() WHERE projection = ? AND NOT aborting",
                    state.name(), projection) == 0) {
                throw new Interrupted(true);
            }
        }

        private String live() {
            return liveSchema + "." + view;
        }

        private String table(String schema) {
            return sql.queryForObject("SELECT to_regclass(?)::text", String.class, schema + "." + view);
        }

        @Override
        public void close() throws SQLException {
            try {
                if (locked) {
                    sql.queryForObject("SELECT pg_advisory_unlock(?, ?)", Boolean.class, LOCK_CLASS,
                            ProjectionGroups.ALL.indexOf(projection));
                }
            } finally {
                connection.close();
            }
        }
    }
}
