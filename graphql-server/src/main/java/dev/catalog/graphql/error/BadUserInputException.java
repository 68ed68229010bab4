package dev.catalog.graphql.error;

/** An argument the API itself refuses before doing anything; {@code field} names it. */
public class BadUserInputException extends RefusedException {

    public BadUserInputException(String field, String message) {
        super(ErrorCode.BAD_USER_INPUT, field, message);
    }
}
