package dev.catalog.graphql.error;

import java.util.Map;

/**
 * A request the API itself refuses, before or instead of doing anything: answered with {@code code}, the
 * message, and {@code extensions.field} when it names an argument.
 */
public class RefusedException extends RuntimeException implements CodedError {

    private final ErrorCode code;
    private final String field;

    public RefusedException(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    @Override
    public String code() {
        return code.name();
    }

    @Override
    public Map<String, Object> details() {
        return field == null ? Map.of() : Map.of("field", field);
    }

    /** The argument at fault, or null. */
    public String field() {
        return field;
    }
}
