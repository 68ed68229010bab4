package dev.catalog.query.changes;

/** A subscription cannot resume where it asked: a token this service did not issue, or one too far behind. */
public class InvalidResumeException extends IllegalArgumentException {

    InvalidResumeException(String message) {
        super(message);
    }
}
