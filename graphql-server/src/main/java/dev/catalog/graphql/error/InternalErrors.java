package dev.catalog.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one answer to a failure the client cannot act on: {@code INTERNAL_SERVER_ERROR} with a fresh {@code errorId},
 * logged here with the stack trace under that id, so an operator finds it; no stack trace or SQL reaches a client.
 */
public final class InternalErrors {

    private static final Logger log = LoggerFactory.getLogger(InternalErrors.class);

    private InternalErrors() {
    }

    /**
     * @param builder where the error points (a field's {@code newError(env)}, or none)
     * @param where   what failed, for the log: {@code "while fetching /a/b"}, {@code "in a subscription"}
     */
    public static GraphQLError of(GraphqlErrorBuilder<?> builder, String where, Throwable failure) {
        String errorId = UUID.randomUUID().toString();
        log.error("Internal error {} {}", errorId, where, failure);
        return builder.message("Internal server error (errorId " + errorId + ").")
                .extensions(Map.of("code", ErrorCode.INTERNAL_SERVER_ERROR.name(), "errorId", errorId)).build();
    }

    /** The same, as the specification's map, for a transport that writes it itself. */
    public static Map<String, Object> specification(String where, Throwable failure) {
        return of(GraphqlErrorBuilder.newError(), where, failure).toSpecification();
    }
}
