package dev.catalog.gateway.admin;

import dev.catalog.query.infrastructure.ProcessorStatus;

/** The schema's {@code Projection}: an event processor on this instance. */
public record Projection(String name, boolean inline, boolean running, boolean error, boolean replaying, int segments,
                         int deadLetters, int deadLetterSequences) {

    static Projection of(ProcessorStatus status) {
        return new Projection(status.name(), status.inline(), status.running(), status.error(), status.replaying(),
                status.segments(), toInt(status.deadLetters()), toInt(status.deadLetterSequences()));
    }

    /** GraphQL's Int has 32 bits; a count beyond it is shown as the largest Int rather than failing the field. */
    private static int toInt(long count) {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }
}
