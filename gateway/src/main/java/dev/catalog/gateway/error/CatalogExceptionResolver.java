package dev.catalog.gateway.error;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.gateway.limits.LimitCode;
import dev.catalog.gateway.limits.ListTooLargeException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions thrown while fetching a field into spec-shaped GraphQL errors with an Apollo
 * {@code extensions.code}. Unknown exceptions become INTERNAL_SERVER_ERROR with a generic message and an
 * {@code errorId} that is logged with the stack trace: no stack trace or SQL ever reaches a client.
 */
@Component
public class CatalogExceptionResolver extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(CatalogExceptionResolver.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception, DataFetchingEnvironment env) {
        return resolve(exception, env);
    }

    /** The error a client gets for this failure of a field; for fetchers outside the resolver chain too. */
    public GraphQLError resolve(Throwable exception, DataFetchingEnvironment env) {
        CommandRejectedException rejection = Failures.rejectionIn(exception);
        if (rejection != null) {
            return error(env, codeOf(rejection.reason()), rejection.getMessage(), rejection.field());
        }
        if (exception instanceof RefusedException refused) {
            return error(env, refused.code(), refused.getMessage(), refused.field());
        }
        if (exception instanceof ListTooLargeException tooLarge) {
            return GraphqlErrorBuilder.newError(env).message(tooLarge.getMessage())
                    .extensions(Map.of("code", LimitCode.LIST_TOO_LARGE.name(), "limit", tooLarge.limit())).build();
        }
        if (Failures.causedBy(exception, AggregateNotFoundException.class)) {
            return error(env, ErrorCode.NOT_FOUND, "Not found.", null);
        }
        if (Failures.causedBy(exception, ConcurrencyException.class)
                || Failures.causedBy(exception, ConflictingModificationException.class)) {
            return error(env, ErrorCode.CONFLICT,
                    "The entity was changed concurrently by another request; read it again and retry.", null);
        }
        String errorId = UUID.randomUUID().toString();
        log.error("Internal error {} while fetching {}", errorId, env.getExecutionStepInfo().getPath(), exception);
        return GraphqlErrorBuilder.newError(env)
                .message("Internal server error (errorId " + errorId + ").")
                .extensions(Map.of("code", ErrorCode.INTERNAL_SERVER_ERROR.name(), "errorId", errorId))
                .build();
    }

    private static ErrorCode codeOf(CommandRejectedException.Reason reason) {
        return switch (reason) {
            case INVALID_INPUT -> ErrorCode.BAD_USER_INPUT;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT -> ErrorCode.CONFLICT;
        };
    }

    private static GraphQLError error(DataFetchingEnvironment env, ErrorCode code, String message, String field) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (field != null) {
            extensions.put("field", field);
        }
        return GraphqlErrorBuilder.newError(env).message(message).extensions(extensions).build();
    }
}
