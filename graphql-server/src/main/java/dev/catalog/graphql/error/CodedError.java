package dev.catalog.graphql.error;

import java.util.Map;

/**
 * An exception that is the client's answer: its message and {@code extensions.code}, plus any details it adds
 * ({@code field}, {@code limit}). The resolvers send it as it is, whoever threw it.
 */
public interface CodedError {

    /** The {@code extensions.code}, e.g. {@code BAD_USER_INPUT} or {@code LIST_TOO_LARGE}. */
    String code();

    /** Extensions beside the code; empty by default. */
    default Map<String, Object> details() {
        return Map.of();
    }

    String getMessage();
}
