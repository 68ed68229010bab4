package dev.catalog.query.infrastructure;

import dev.catalog.platform.database.Workload;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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
 *
 * <p>The work is in {@link RebuildRunner}; the tables and the switch in {@link RebuildTables}; the stored state,
 * {@code view_rebuild}, in {@link RebuildRow}.
 */
@Component
@EnableConfigurationProperties(RebuildProperties.class)
public class ViewRebuild implements SmartLifecycle {

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
        return RebuildRow.progress(jdbc, projection);
    }

    /**
     * Abandons the rebuild of {@code projection}: the new table is dropped, the live view stays. A rebuild that runs
     * on another instance stops at its next page ({@link Aborted#STOPPING}); one running here is waited for.
     */
    public Aborted abort(String projection) {
        requireView(projection);
        if (!RebuildRow.markAborting(jdbc, projection)) {
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
            try (RebuildRunner runner = runner(projection)) {
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
        try (RebuildRunner runner = runner(projection)) {
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

    private RebuildRunner runner(String projection) throws SQLException {
        return new RebuildRunner(projection, projections.of(projection), dataSource, pages, properties, runners,
                () -> stopping);
    }
}
