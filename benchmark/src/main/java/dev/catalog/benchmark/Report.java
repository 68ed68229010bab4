package dev.catalog.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Formats the measured window as a table: per operation, per kind of operation, and in total. */
final class Report {

    /**
     * One line of the table.
     *
     * @param label     what it measures
     * @param successes requests that succeeded (their latencies are in {@code latencies})
     * @param errors    requests that failed
     * @param latencies microseconds
     */
    record Row(String label, long successes, long errors, Histogram latencies) {

        long count() {
            return successes + errors;
        }

        static Row of(String label, List<OperationStats> stats) {
            Histogram merged = new Histogram(OperationStats.HIGHEST_TRACKABLE_MICROS, 3);
            long errors = 0;
            for (OperationStats one : stats) {
                merged.add(one.latencies());
                errors += one.errors();
            }
            return new Row(label, merged.getTotalCount(), errors, merged);
        }
    }

    static final String HEADER = "%-40s %9s %7s %9s %9s %9s %9s %9s %9s".formatted(
            "operation", "count", "errors", "ops/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms");

    private Report() {
    }

    /** The rows for a phase: each operation that ran, then subtotals by kind, then all requests. */
    static List<Row> rows(Map<Operation, OperationStats> stats) {
        List<Row> rows = new ArrayList<>();
        List<OperationStats> all = new ArrayList<>();
        for (Operation.Kind kind : Operation.Kind.values()) {
            List<OperationStats> ofKind = new ArrayList<>();
            for (Operation operation : Operation.values()) {
                OperationStats one = stats.get(operation);
                if (operation.kind() == kind && one.successes() + one.errors() > 0) {
                    rows.add(Row.of(operation.label(), List.of(one)));
                    ofKind.add(one);
                }
            }
            all.addAll(ofKind);
        }
        List<Row> subtotals = new ArrayList<>();
        for (Operation.Kind kind : Operation.Kind.values()) {
            List<OperationStats> ofKind = new ArrayList<>();
            for (Operation operation : Operation.values()) {
                OperationStats one = stats.get(operation);
                if (operation.kind() == kind && one.successes() + one.errors() > 0) {
                    ofKind.add(one);
                }
            }
            if (ofKind.size() > 1 || (!ofKind.isEmpty() && kind != Operation.Kind.VERIFY)) {
                subtotals.add(Row.of(switch (kind) {
                    case READ -> "all reads";
                    case WRITE -> "all writes";
                    case VERIFY -> "all read-backs";
                }, ofKind));
            }
        }
        if (subtotals.size() > 1) {
            rows.addAll(subtotals);
        }
        rows.add(Row.of("all requests", all));
        return rows;
    }

    /** The table: a header line and one line per row; rates are per second of {@code measured}. */
    static String table(List<Row> rows, Duration measured) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        boolean separated = false;
        for (Row row : rows) {
            if (row.label().startsWith("all ") && !separated) {
                out.append("-".repeat(HEADER.length())).append('\n');
                separated = true;
            }
            out.append(line(row, measured)).append('\n');
        }
        return out.toString();
    }

    static String line(Row row, Duration measured) {
        double seconds = measured.toNanos() / 1e9;
        Histogram h = row.latencies();
        boolean any = h.getTotalCount() > 0;
        return String.format(Locale.ROOT, "%-40s %9d %7d %9.1f %9s %9s %9s %9s %9s",
                row.label(), row.count(), row.errors(), seconds > 0 ? row.count() / seconds : 0.0,
                any ? millis(h.getValueAtPercentile(50)) : "-",
                any ? millis(h.getValueAtPercentile(90)) : "-",
                any ? millis(h.getValueAtPercentile(99)) : "-",
                any ? millis(h.getValueAtPercentile(99.9)) : "-",
                any ? millis(h.getMaxValue()) : "-");
    }

    /** Microseconds as milliseconds with three decimals (microsecond precision). */
    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    /** A duration for the header: {@code 20 s}, {@code 1.5 s}, {@code 250 ms}. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
