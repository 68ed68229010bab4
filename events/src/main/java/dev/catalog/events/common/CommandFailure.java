package dev.catalog.events.common;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;

/**
 * Serializable form of the failures a command's caller tells apart besides a rejection (which has its own,
 * {@link CommandRejectedException.Rejection}), for {@code CommandExecutionException} details. Across Axon Server a
 * remote handler's exception arrives as a {@code CommandExecutionException} with its message and these details only
 * (ADR 28); {@link #toException()} gives the caller the exception a local handler would have thrown.
 *
 * @param aggregateId the aggregate that is missing, for {@link Kind#MISSING_AGGREGATE}; else {@code null}
 */
public record CommandFailure(Kind kind, String aggregateId, String message) {

    /** What went wrong. */
    public enum Kind {
        /** {@link AggregateNotFoundException}, Axon's {@code AggregateDeletedException} included. */
        MISSING_AGGREGATE,
        /** {@link ConcurrencyException}: another command appended to the aggregate meanwhile. */
        CONCURRENCY,
        /** {@link ConflictingModificationException}. */
        CONFLICTING_MODIFICATION
    }

    /**
     * The details that describe {@code failure} or the first of its causes that a caller tells apart: a
     * {@link CommandRejectedException.Rejection} or a {@code CommandFailure}; failing those, its first SQL exception
     * as a {@link DatabaseFailure}; {@code null} when there is none.
     */
    public static Object detailsOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CommandRejectedException rejected) {
                return rejected.toRejection();
            }
            if (cause instanceof AggregateNotFoundException missing) {
                Object id = missing.getAggregateIdentifier();
                return new CommandFailure(Kind.MISSING_AGGREGATE, id == null ? null : id.toString(), missing.getMessage());
            }
            if (cause instanceof ConcurrencyException) {
                return new CommandFailure(Kind.CONCURRENCY, null, cause.getMessage());
            }
            if (cause instanceof ConflictingModificationException) {
                return new CommandFailure(Kind.CONFLICTING_MODIFICATION, null, cause.getMessage());
            }
        }
        return DatabaseFailure.of(failure);
    }

    /** The exception that {@link #detailsOf} described. */
    public RuntimeException toException() {
        return switch (kind) {
            case MISSING_AGGREGATE -> new AggregateNotFoundException(aggregateId, message);
            case CONCURRENCY -> new ConcurrencyException(message);
            case CONFLICTING_MODIFICATION -> new ConflictingModificationException(message);
        };
    }
}
