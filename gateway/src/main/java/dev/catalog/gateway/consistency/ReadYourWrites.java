package dev.catalog.gateway.consistency;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Waits, bounded, until a read view includes a write, so that a mutation's response and every query
 * sent after it (to any instance sharing the database) see the write.
 *
 * <p>The views are updated asynchronously by projections, possibly on another instance; this polls the
 * view row's version with a short back-off. The bound is {@code catalog.read-your-writes.timeout}
 * (default 2 s). A wait that times out returns {@code false}: the write is committed all the same and
 * the caller reports the pending view through {@link PendingViews}, never as an error.
 */
@Component
public class ReadYourWrites {

    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(20).toNanos();

    private final Duration timeout;

    public ReadYourWrites(@Value("${catalog.read-your-writes.timeout:2s}") Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("catalog.read-your-writes.timeout must not be negative");
        }
        this.timeout = timeout;
    }

    /** Waits until the row's version is at least {@code version}; {@code false} when the wait timed out. */
    public boolean awaitVersion(Supplier<OptionalLong> viewVersion, long version) {
        return await(() -> {
            OptionalLong current = viewVersion.get();
            return current.isPresent() && current.getAsLong() >= version;
        });
    }

    /** Waits until the row is gone from the view; {@code false} when the wait timed out. */
    public boolean awaitAbsent(Supplier<OptionalLong> viewVersion) {
        return await(() -> viewVersion.get().isEmpty());
    }

    private boolean await(Supplier<Boolean> visible) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            if (visible.get()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }
}
