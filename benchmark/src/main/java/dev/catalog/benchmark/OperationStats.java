package dev.catalog.benchmark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The measurements of one operation in one phase: a latency histogram of the successful requests (in
 * microseconds, 3 significant digits), the count of failed requests, and a few of their messages.
 */
final class OperationStats {

    /** Latencies above this are recorded as this (and the max shows it): ten minutes. */
    static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final int MAX_DISTINCT_ERROR_MESSAGES = 10;

    private final ConcurrentHistogram latencies = new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, 3);
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorMessages = new ConcurrentHashMap<>();
    private final LongAdder otherErrorMessages = new LongAdder();

    void success(long latencyNanos) {
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        latencies.recordValue(Math.min(micros, HIGHEST_TRACKABLE_MICROS));
    }

    void failure(String message) {
        errors.increment();
        LongAdder count = errorMessages.get(message);
        if (count == null && errorMessages.size() < MAX_DISTINCT_ERROR_MESSAGES) {
            count = errorMessages.computeIfAbsent(message, m -> new LongAdder());
        }
        if (count != null) {
            count.increment();
        } else {
            otherErrorMessages.increment();
        }
    }

    /** A copy of the latencies recorded so far. */
    Histogram latencies() {
        return latencies.copy();
    }

    long successes() {
        return latencies.getTotalCount();
    }

    long errors() {
        return errors.sum();
    }

    /** Up to ten distinct error messages with how often each occurred. */
    Map<String, Long> errorMessages() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        errorMessages.forEach((message, count) -> copy.put(message, count.sum()));
        if (otherErrorMessages.sum() > 0) {
            copy.put("(other messages)", otherErrorMessages.sum());
        }
        return copy;
    }
}
