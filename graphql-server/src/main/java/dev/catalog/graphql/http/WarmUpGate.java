package dev.catalog.graphql.http;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a few GraphQL requests at a time while the JIT compiles the paths they run, then every request.
 *
 * <p>Why: a JVM that has just started runs its request path interpreted until the JIT has compiled it, and the JIT's
 * compiler threads are ordinary threads. Under 64 clients on 2 cores, 64 runnable request threads left the one C2
 * thread about a thirtieth of the CPU: the reads took 90 to 170 s to reach their steady rate. With a few requests in
 * flight the compilers get their share, the compiled code comes sooner, and the throughput with it (ADR 38). Requests
 * past the limit wait in arrival order, parked, using no CPU.
 *
 * <p>The gate opens for good when the compilers have been quiet (busy less than a tenth of the time) for
 * {@value #QUIET_SECONDS} seconds in a row during which requests came, or {@code maxDuration} after the first request,
 * whichever comes first. Seconds without a request do not count: an idle instance has compiled nothing yet. A
 * request never fails because of the gate: one that has waited {@code maxWait} goes on without a permit.
 *
 * <p>{@link #tick()} must be called about once a second (by {@link WarmUpFilter}'s timer) until {@link #isOpen()}.
 */
final class WarmUpGate {

    private static final Logger log = LoggerFactory.getLogger(WarmUpGate.class);

    /** Seconds in a row, each with requests and the compilers busy less than {@link #QUIET_SHARE}, that open it. */
    static final int QUIET_SECONDS = 3;
    /** The compilers' busy share, summed over their threads, under which a second counts as quiet. */
    static final double QUIET_SHARE = 0.10;

    private final Semaphore permits;
    private final Duration maxDuration;
    private final Duration maxWait;
    private final LongSupplier compilationMillis;
    private final LongSupplier nanoTime;
    private final LongAdder requests = new LongAdder();

    private volatile boolean open;
    // Touched by tick() only, which one timer thread calls.
    private long firstRequestNanos = -1;
    private long lastTickNanos;
    private long lastCompilationMillis;
    private int quietSeconds;

    /**
     * @param concurrency       requests admitted at a time while warming up, at least 1
     * @param maxDuration       how long after the first request the gate opens whatever the compilers do
     * @param maxWait           how long a request waits for a permit before it goes on without one
     * @param compilationMillis how long the JIT's compiler threads have been busy so far, in milliseconds, summed
     *                          over them ({@link CompilerCpu})
     * @param nanoTime          the clock, {@link System#nanoTime()} outside tests
     */
    WarmUpGate(int concurrency, Duration maxDuration, Duration maxWait, LongSupplier compilationMillis,
               LongSupplier nanoTime) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("the warm-up concurrency must be at least 1, got " + concurrency);
        }
        if (maxDuration.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("the warm-up durations must not be negative, got max-duration "
                    + maxDuration + " and max-wait " + maxWait);
        }
        this.permits = new Semaphore(concurrency, true);
        this.maxDuration = maxDuration;
        this.maxWait = maxWait;
        this.compilationMillis = compilationMillis;
        this.nanoTime = nanoTime;
        this.lastTickNanos = nanoTime.getAsLong();
        this.lastCompilationMillis = compilationMillis.getAsLong();
    }

    boolean isOpen() {
        return open;
    }

    /**
     * Waits for a permit, at most {@code maxWait}. Returns whether it took one, which the caller must hand back to
     * {@link #leave(boolean)} when the request is done.
     */
    boolean enter() throws InterruptedException {
        requests.increment();
        if (open) {
            return false;
        }
        return permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    }

    void leave(boolean permit) {
        if (permit) {
            permits.release();
        }
    }

    /** Looks at the last second: counts it quiet or not, and opens the gate when warm-up is over. */
    void tick() {
        if (open) {
            return;
        }
        long now = nanoTime.getAsLong();
        long compilation = compilationMillis.getAsLong();
        long elapsedMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(now - lastTickNanos));
        double busy = (double) (compilation - lastCompilationMillis) / elapsedMillis;
        long served = requests.sumThenReset();
        lastTickNanos = now;
        lastCompilationMillis = compilation;
        if (served == 0) {
            return;
        }
        if (firstRequestNanos < 0) {
            firstRequestNanos = now - TimeUnit.MILLISECONDS.toNanos(elapsedMillis);
        }
        quietSeconds = busy < QUIET_SHARE ? quietSeconds + 1 : 0;
        Duration warming = Duration.ofNanos(now - firstRequestNanos);
        if (quietSeconds >= QUIET_SECONDS) {
            openAll("the JIT compilers were busy less than " + Math.round(QUIET_SHARE * 100) + "% of the last "
                    + QUIET_SECONDS + " s", warming);
        } else if (warming.compareTo(maxDuration) >= 0) {
            openAll("catalog.warm-up.max-duration has passed, the compilers still busy " + Math.round(busy * 100)
                    + "% of the last second", warming);
        }
    }

    private void openAll(String why, Duration warming) {
        openNow();
        log.info("Warm-up over {} ms after the first request ({}): every request is admitted now",
                warming.toMillis(), why);
    }

    /** Opens the gate for good: whoever waits goes on now, and later requests do not wait at all. */
    void openNow() {
        if (!open) {
            open = true;
            permits.release(Integer.MAX_VALUE / 2);
        }
    }
}
