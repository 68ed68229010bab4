package dev.catalog.graphql.limits;

import dev.catalog.graphql.error.LimitCode;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the GraphQL errors of the limits: a message for people, the code and the limit for programs. */
public final class LimitErrors {

    private LimitErrors() {
    }

    /**
     * @param type the spec-level classification Spring shows as {@code extensions.classification}: a parse
     *             limit is InvalidSyntax, a document limit ValidationError, the timeout ExecutionAborted
     */
    public static GraphQLError of(LimitCode code, ErrorType type, String message, long limit) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.put("limit", limit);
        return GraphqlErrorBuilder.newError().errorType(type).message(message).extensions(extensions).build();
    }
}
