package dev.catalog.gateway.admin;

import dev.catalog.query.infrastructure.ViewVerification;
import java.util.List;

/** The schema's {@code ViewVerification}: a view checked against the events, and its differing rows. */
public record ViewCheck(String projection, int events, int differences, List<Row> rows) {

    /** The schema's {@code ViewDifference}. */
    public record Row(int id, String live, String recomputed) {
    }

    static ViewCheck of(ViewVerification.Report report) {
        return new ViewCheck(report.view(), (int) Math.min(report.events(), Integer.MAX_VALUE),
                (int) Math.min(report.differences(), Integer.MAX_VALUE),
                report.first().stream().map(d -> new Row((int) d.id(), d.live(), d.recomputed())).toList());
    }
}
