package dev.catalog.gateway.error;

/** An argument the gateway itself refuses before any command is sent; {@code field} names it. */
public class BadUserInputException extends RefusedException {

    public BadUserInputException(String field, String message) {
        super(ErrorCode.BAD_USER_INPUT, field, message);
    }
}
