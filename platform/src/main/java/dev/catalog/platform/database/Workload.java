package dev.catalog.platform.database;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a thread's database work is for, so each kind gets connections from a pool of its own and none can
 * starve the others (see {@link DatabaseProperties}).
 *
 * <p>Threads are {@link #WRITES} unless they were made by {@link #threadFactory} for {@link #PROCESSING}.
 * API reads do not go through this routing at all: they use the reads pool directly (the
 * {@code readsJdbcClient} bean).
 */
public enum Workload {

    /** Commands: the event append, the registries and the views written with them. The default. */
    WRITES,
    /** Asynchronous event processors: their token claims, event reads, dead letters and view writes. */
    PROCESSING;

    private static final ThreadLocal<Workload> CURRENT = ThreadLocal.withInitial(() -> WRITES);

    /** The workload of the calling thread. */
    public static Workload current() {
        return CURRENT.get();
    }

    /**
     * Threads named {@code prefix-N} whose database work counts as this workload for their whole life.
     * Daemon threads: they never keep the JVM alive on their own.
     */
    public ThreadFactory threadFactory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(() -> {
                CURRENT.set(this);
                task.run();
            }, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
