package dev.catalog.gateway.error;

/**
 * A request the gateway itself refuses, before or instead of sending a command: answered with {@code code}, the
 * message, and {@code extensions.field} when it names an argument.
 */
public class RefusedException extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public RefusedException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /** The argument at fault, or null. */
    public String field() {
        return field;
    }
}
