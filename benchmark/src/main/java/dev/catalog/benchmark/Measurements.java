package dev.catalog.benchmark;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where each request's outcome goes, by when it started: the warm-up, the measured window, or after it (a
 * write iteration's last steps may start after the window closed). Only the measured window is reported in
 * full; the requests outside it are still counted, and their errors shown.
 */
final class Measurements {

    /** The three phases a request can start in. */
    enum Phase { WARMUP, MEASURED, AFTER }

    private final Map<Phase, Map<Operation, OperationStats>> stats = new EnumMap<>(Phase.class);
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile long measureStartNanos = Long.MAX_VALUE;
    private volatile long measureEndNanos = Long.MAX_VALUE;

    Measurements() {
        for (Phase phase : Phase.values()) {
            Map<Operation, OperationStats> byOperation = new EnumMap<>(Operation.class);
            for (Operation operation : Operation.values()) {
                byOperation.put(operation, new OperationStats());
            }
            stats.put(phase, byOperation);
        }
    }

    /** Requests that start in [start, end) are measured; before, warm-up; after, neither. */
    void window(long startNanos, long endNanos) {
        measureStartNanos = startNanos;
        measureEndNanos = endNanos;
    }

    void success(Operation operation, long startNanos, long latencyNanos) {
        requests.increment();
        stats(operation, startNanos).success(latencyNanos);
    }

    void failure(Operation operation, long startNanos, String message) {
        requests.increment();
        errors.increment();
        stats(operation, startNanos).failure(message);
    }

    private OperationStats stats(Operation operation, long startNanos) {
        Phase phase = startNanos < measureStartNanos ? Phase.WARMUP
                : startNanos < measureEndNanos ? Phase.MEASURED : Phase.AFTER;
        return stats.get(phase).get(operation);
    }

    Map<Operation, OperationStats> phase(Phase phase) {
        return stats.get(phase);
    }

    /** Requests completed so far, every phase (for the progress lines). */
    long requests() {
        return requests.sum();
    }

    /** Failed requests so far, every phase. */
    long errors() {
        return errors.sum();
    }
}
