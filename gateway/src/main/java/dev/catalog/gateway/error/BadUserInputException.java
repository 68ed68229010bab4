package dev.catalog.gateway.error;

/** An argument the gateway itself refuses before any command is sent; {@code field} names it. */
public class BadUserInputException extends RuntimeException {

    private final String field;

    public BadUserInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
