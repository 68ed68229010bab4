package dev.catalog.gateway.admin;

import dev.catalog.query.infrastructure.ProcessorPositions;
import dev.catalog.query.infrastructure.ProcessorStatus;
import java.util.List;
import java.util.Map;

/** The schema's {@code Projection}: an event processor on this instance, with its place in the shared store. */
public record Projection(String name, boolean inline, boolean running, boolean error, boolean replaying,
                         boolean catchingUp, int segments,
                         int deadLetters, int deadLetterSequences, Integer behind, List<SegmentPosition> positions) {

    /** The schema's {@code SegmentPosition}. */
    public record SegmentPosition(int segment, String owner, Integer position) {
    }

    static Projection of(ProcessorStatus status, Map<String, List<ProcessorPositions.Segment>> positions) {
        List<SegmentPosition> segments = status.inline() ? List.of()
                : positions.getOrDefault(status.name(), List.of()).stream()
                        .map(s -> new SegmentPosition(s.segment(), s.owner(), s.position() == null ? null : toInt(s.position())))
                        .toList();
        return new Projection(status.name(), status.inline(), status.running(), status.error(), status.replaying(),
                status.catchingUp(),
                status.segments(), toInt(status.deadLetters()), toInt(status.deadLetterSequences()),
                status.lag() == null ? null : toInt(status.lag()), segments);
    }

    /** GraphQL's Int has 32 bits; a count beyond it is shown as the largest Int rather than failing the field. */
    static int toInt(long count) {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }
}
