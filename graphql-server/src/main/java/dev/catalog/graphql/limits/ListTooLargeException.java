package dev.catalog.graphql.limits;

import dev.catalog.graphql.error.CodedError;
import dev.catalog.graphql.error.LimitCode;
import java.util.Map;

/**
 * Thrown by a measured list's resolver that found more items than {@link QueryLimits#maxListSize()}: the data
 * grew between the measure before execution and the read. Answered {@link LimitCode#LIST_TOO_LARGE}.
 */
public class ListTooLargeException extends RuntimeException implements CodedError {

    private final int limit;

    /** @param message what {@link ListCosts#tooLarge} says of the list */
    public ListTooLargeException(String message, int limit) {
        super(message, null, false, false);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    @Override
    public String code() {
        return LimitCode.LIST_TOO_LARGE.name();
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("limit", limit);
    }
}
