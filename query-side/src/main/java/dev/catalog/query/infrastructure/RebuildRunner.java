package dev.catalog.query.infrastructure;

import dev.catalog.query.infrastructure.ViewRebuild.State;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One rebuild's work ({@link ViewRebuild} tells the steps), on a connection of its own that holds the rebuild's
 * advisory lock: one per view across instances, released by a crash as by {@link #close}.
 */
final class RebuildRunner implements AutoCloseable {

    /** Under {@link ViewRebuild}'s name, where operators look for a rebuild's log. */
    private static final Logger log = LoggerFactory.getLogger(ViewRebuild.class);
    /** First key of the advisory locks ('CTLG'); the second is {@link #lockObject}. */
    static final int LOCK_CLASS = 0x43544c47;

    /** Thrown inside a runner when the rebuild was aborted or the instance stops. */
    static final class Interrupted extends RuntimeException {
        final boolean aborted;

        Interrupted(boolean aborted) {
            super(aborted ? "aborted" : "stopped");
            this.aborted = aborted;
        }
    }

    private final String projection;
    private final String view;
    private final EventMessageHandler handler;
    private final EventPages pages;
    private final RebuildProperties properties;
    private final Executor readers;
    private final BooleanSupplier stopping;
    private final Connection connection;
    private final JdbcTemplate sql;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate transaction;
    private final RebuildTables tables;
    private final RebuildRow row;
    private boolean locked;
    private EventPages.Position position;
    /** How long the switch held the view's writers back, in milliseconds. */
    private long heldBack;

    /**
     * @param readers  where the next page is read while one is written
     * @param stopping whether the instance stops: the runner then stops after its current page
     */
    RebuildRunner(String projection, EventMessageHandler handler, DataSource dataSource, EventPages pages,
                  RebuildProperties properties, Executor readers, BooleanSupplier stopping) throws SQLException {
        this.projection = projection;
        this.view = ProjectionGroups.VIEWS.get(projection);
        this.handler = handler;
        this.pages = pages;
        this.properties = properties;
        this.readers = readers;
        this.stopping = stopping;
        this.connection = dataSource.getConnection();
        SingleConnectionDataSource single = new SingleConnectionDataSource(connection, true);
        this.sql = new JdbcTemplate(single);
        this.named = new NamedParameterJdbcTemplate(sql);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(single));
        this.tables = new RebuildTables(sql, view);
        this.row = new RebuildRow(sql, projection);
    }

    /** The second key of {@code projection}'s advisory lock. */
    static int lockObject(String projection) {
        return ProjectionGroups.ALL.indexOf(projection);
    }

    boolean lock() {
        locked = Boolean.TRUE.equals(sql.queryForObject("SELECT pg_try_advisory_lock(?, ?)", Boolean.class,
                LOCK_CLASS, lockObject(projection)));
        return locked;
    }

    /** Creates the new table and the rebuild's row, or picks up the ones a stopped rebuild left. */
    void prepare() {
        transaction.executeWithoutResult(status -> {
            Optional<RebuildRow.Found> found = row.lockForUpdate();
            if (found.isPresent() && !found.get().aborting() && !found.get().done() && tables.rebuiltExists()) {
                position = found.get().position();
                row.resume();
                log.info("Resuming the rebuild of {} from position {}", projection, position.index());
                return;
            }
            row.delete();
            tables.create();
            row.insert();
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
            transaction.executeWithoutResult(status -> tables.index());
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
        tables.dropRetired();
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
            if (stopping.getAsBoolean()) {
                throw new Interrupted(false);
            }
            EventPages.Page page = next.join();
            boolean full = page.events().size() == properties.pageSize();
            if (full) {
                next = CompletableFuture.supplyAsync(() -> read(page.next()), readers);
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
        if (!row.record(page)) {
            status.setRollbackOnly();
            return false;
        }
        project(page.events());
        return true;
    }

    /** In the current transaction: {@code events} through the projection into the new table. */
    private void project(List<TrackedEventMessage<?>> events) {
        // Only the new table's schema: a statement of the projection cannot reach the live view.
        sql.execute("SET LOCAL search_path TO " + RebuildTables.REBUILD_SCHEMA);
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
                    tables.lockLive();
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
                    tables.swap();
                    heldBack = (System.nanoTime() - lockedAt) / 1_000_000;
                    row.done(heldBack);
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
                // The failed switch's pages were rolled back with it.
                position = row.position();
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

    /** Drops the new table and the rebuild's row: the live view stays as it is. */
    void discard() {
        transaction.executeWithoutResult(status -> {
            tables.drop();
            row.delete();
        });
    }

    void fail(RuntimeException e) {
        if (e instanceof Interrupted) {
            return;
        }
        log.error("The rebuild of {} failed at position {}; start it again to resume, or abort it", projection,
                position == null ? 0 : position.index(), e);
        try {
            row.fail(String.valueOf(e.getMessage()));
        } catch (RuntimeException unrecorded) {
            e.addSuppressed(unrecorded);
        }
    }

    private void state(State state) {
        if (!row.state(state)) {
            throw new Interrupted(true);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (locked) {
                sql.queryForObject("SELECT pg_advisory_unlock(?, ?)", Boolean.class, LOCK_CLASS, lockObject(projection));
            }
        } finally {
            connection.close();
        }
    }
}
