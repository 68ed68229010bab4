package dev.catalog.gateway.error;

import dev.catalog.graphql.error.UnavailableErrors;
import dev.catalog.graphql.error.Causes;
import dev.catalog.graphql.error.ErrorCode;
import dev.catalog.graphql.error.CodedError;
import dev.catalog.graphql.error.InternalErrors;
import dev.catalog.events.common.CommandRejectedException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * Turns exceptions thrown while fetching a field into spec-shaped GraphQL errors with an Apollo
 * {@code extensions.code}. Unknown exceptions become INTERNAL_SERVER_ERROR with a generic message and an
 * {@code errorId} that is logged with the stack trace: no stack trace or SQL ever reaches a client.
 */
@Component
public class CatalogExceptionResolver extends DataFetcherExceptionResolverAdapter {

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
        if (exception instanceof CodedError coded) {
            return GraphqlErrorBuilder.newError(env).message(coded.getMessage()).extensions(extensions(coded)).build();
        }
        // A null variable given to a non-null argument that has a default (first: Int! = 20): validation lets a
        // nullable variable into that position, and graphql-java refuses its null only when the fetcher reads the
        // arguments. The client's mistake, not the server's.
        var nullArgument = Causes.find(exception, NonNullableValueCoercedAsNullException.class);
        if (nullArgument.isPresent()) {
            return error(env, ErrorCode.BAD_USER_INPUT, nullArgument.get().getMessage(), null);
        }
        if (Failures.causedBy(exception, AggregateNotFoundException.class)) {
            return error(env, ErrorCode.NOT_FOUND, "Not found.", null);
        }
        if (Failures.causedBy(exception, ConcurrencyException.class)
                || Failures.causedBy(exception, ConflictingModificationException.class)) {
            return error(env, ErrorCode.CONFLICT,
                    "The entity was changed concurrently by another request; read it again and retry.", null);
        }
        if (UnavailableErrors.isDatabaseUnreachable(exception)) {
            return UnavailableErrors.of(GraphqlErrorBuilder.newError(env), "while fetching " + env.getExecutionStepInfo().getPath(),
                    exception);
        }
        return InternalErrors.of(GraphqlErrorBuilder.newError(env), "while fetching " + env.getExecutionStepInfo().getPath(),
                exception);
    }

    /** {@code coded}'s code and details, as a client reads them in {@code extensions}. */
    static Map<String, Object> extensions(CodedError coded) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", coded.code());
        extensions.putAll(coded.details());
        return extensions;
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
