package dev.catalog.gateway.error;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Gives the errors graphql-java raises before any field is fetched (parse, validation, variable
 * coercion) Apollo's {@code extensions.code}; errors that already carry a code are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ErrorCodeInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            if (errors.isEmpty() || errors.stream().allMatch(ErrorCodeInterceptor::hasCode)) {
                return response;
            }
            List<GraphQLError> coded = errors.stream().map(ErrorCodeInterceptor::withCode).toList();
            return response.transform(builder -> builder.errors(coded));
        });
    }

    private static boolean hasCode(GraphQLError error) {
        return error.getExtensions() != null && error.getExtensions().containsKey("code");
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (hasCode(error)) {
            return error;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("code", codeOf(error).name());
        return GraphqlErrorBuilder.newError()
                .message(error.getMessage())
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }

    static ErrorCode codeOf(GraphQLError error) {
        if (error instanceof InvalidSyntaxError) {
            return ErrorCode.GRAPHQL_PARSE_FAILED;
        }
        if (error instanceof ValidationError) {
            return ErrorCode.GRAPHQL_VALIDATION_FAILED;
        }
        ErrorClassification type = error.getErrorType();
        if (type == ErrorType.InvalidSyntax) {
            return ErrorCode.GRAPHQL_PARSE_FAILED;
        }
        if (type == ErrorType.ValidationError) {
            // Not a schema validation error: a variable value that does not coerce to its type.
            return ErrorCode.BAD_USER_INPUT;
        }
        return ErrorCode.INTERNAL_SERVER_ERROR;
    }
}
