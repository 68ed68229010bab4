package dev.catalog.events.common;

/**
 * Thrown by a command handler that refuses a command. Nothing was stored when this is thrown.
 *
 * <p>{@link #reason()} tells the caller what kind of refusal it is; {@link #field()} names the input
 * field at fault when there is one (else {@code null}). The message is safe to show to a client.
 */
public class CommandRejectedException extends RuntimeException {

    /** Why a command was refused. */
    public enum Reason {
        /** The input breaks a rule (length, range, format). */
        INVALID_INPUT,
        /** The command names an entity that does not exist (or was deleted). */
        NOT_FOUND,
        /** The command clashes with the current state: a taken name, a stale expected version. */
        CONFLICT
    }

    private final Reason reason;
    private final String field;

    public CommandRejectedException(Reason reason, String field, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.field = field;
    }

    public static CommandRejectedException invalid(String field, String message) {
        return new CommandRejectedException(Reason.INVALID_INPUT, field, message);
    }

    public static CommandRejectedException notFound(String field, String message) {
        return new CommandRejectedException(Reason.NOT_FOUND, field, message);
    }

    public static CommandRejectedException conflict(String field, String message) {
        return new CommandRejectedException(Reason.CONFLICT, field, message);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }

    /** The details carried across a distributed command bus, where the exception itself is not. */
    public Rejection toRejection() {
        return new Rejection(reason, field, getMessage());
    }

    /** Serializable form of a rejection, for {@code CommandExecutionException} details. */
    public record Rejection(Reason reason, String field, String message) {
        public CommandRejectedException toException() {
            return new CommandRejectedException(reason, field, message);
        }
    }
}
