package dev.catalog.gateway.limits;

import dev.catalog.gateway.error.CodedError;
import dev.catalog.gateway.error.LimitCode;
import java.util.Map;
import java.util.List;

/**
 * Thrown by a legacy list's resolver that found more items than {@link QueryLimits#maxListSize()}: the views
 * grew between the measure before execution and the read. Answered {@link LimitCode#LIST_TOO_LARGE}.
 */
public class ListTooLargeException extends RuntimeException implements CodedError {

    private final int limit;

    ListTooLargeException(String message, int limit) {
        super(message, null, false, false);
        this.limit = limit;
    }

    /**
     * Returns {@code items} when a list read with {@code limit + 1} holds at most the limit.
     *
     * @param field the list field, e.g. {@code getAllImages}
     * @throws ListTooLargeException when it holds more
     */
    public static <T> List<T> requireWithin(List<T> items, String field, int limit) {
        if (items.size() > limit) {
            throw new ListTooLargeException(message(field, "more than " + limit, limit), limit);
        }
        return items;
    }

    /** Why a legacy list is refused, and where to go instead; {@code howMany} says how many items it has. */
    static String message(String field, String howMany, int limit) {
        if (field.equals("_entities")) {
            return "`_entities` was sent " + howMany + " representations; at most " + limit
                    + " are resolved at once. Split them over several requests.";
        }
        String items = field.equals("getAllImages") ? "images" : "products";
        return "`" + field + "` would return " + howMany + " " + items + "; a list returns at most " + limit
                + ". Page through them with `products(first: 100, after: ...)` instead"
                + (items.equals("images") ? ", asking each product for its `images`." : ".");
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
