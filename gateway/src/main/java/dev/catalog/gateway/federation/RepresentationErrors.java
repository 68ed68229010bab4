package dev.catalog.gateway.federation;

import dev.catalog.graphql.error.ErrorCode;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import org.springframework.graphql.data.federation.RepresentationException;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * An {@code _entities} representation that names no type, or a type no {@link Entities} method resolves, is the
 * caller's mistake: {@code BAD_USER_INPUT}, where Spring would answer an internal error for the latter.
 */
@ControllerAdvice
class RepresentationErrors {

    @GraphQlExceptionHandler
    GraphQLError unresolvable(RepresentationException exception, DataFetchingEnvironment environment) {
        Object type = exception.getRepresentation() == null ? null : exception.getRepresentation().get("__typename");
        String message = type == null ? "A representation needs a `__typename`."
                : "This subgraph does not resolve " + type + " entities.";
        return GraphqlErrorBuilder.newError(environment).message(message)
                .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name(), "field", "representations")).build();
    }
}
