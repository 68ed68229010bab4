package dev.catalog.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The read-your-writes check: after every successful write the benchmark reads the product back and expects
 * to see the write (the new price, the new image, the deleted image gone). Counted over the whole run,
 * warm-up included; the first violations are kept to be printed.
 */
final class ReadYourWrites {

    static final int MAX_KEPT = 20;

    private final LongAdder checks = new LongAdder();
    private final LongAdder violations = new LongAdder();
    private final LongAdder uncheckable = new LongAdder();
    private final List<String> kept = new ArrayList<>();

    void checked() {
        checks.increment();
    }

    void violation(String description) {
        violations.increment();
        synchronized (kept) {
            if (kept.size() < MAX_KEPT) {
                kept.add(description);
            }
        }
    }

    /** A write whose read-back request itself failed (counted as an error of that request). */
    void uncheckable() {
        uncheckable.increment();
    }

    long checks() {
        return checks.sum();
    }

    long violations() {
        return violations.sum();
    }

    long uncheckableWrites() {
        return uncheckable.sum();
    }

    List<String> keptViolations() {
        synchronized (kept) {
            return List.copyOf(kept);
        }
    }
}
