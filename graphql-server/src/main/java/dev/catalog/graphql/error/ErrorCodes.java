package dev.catalog.graphql.error;

import dev.catalog.graphql.error.LimitCode;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.introspection.GoodFaithIntrospection;
import graphql.introspection.IntrospectionDisabledError;
import graphql.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Gives every error of a result an Apollo {@code extensions.code}: the errors graphql-java raises before any
 * field is fetched (parse, validation, variable coercion, introspection) get theirs here; errors that already
 * carry one (field errors, limits) keep it. With introspection off, validation messages lose any
 * "Did you mean ...?" hint, so the schema cannot be guessed field by field.
 */
public final class ErrorCodes {

    private static final Pattern SUGGESTION = Pattern.compile("\\s*Did you mean[^?]*\\?", Pattern.CASE_INSENSITIVE);

    private ErrorCodes() {
    }

    public static ExecutionResult apply(ExecutionResult result, boolean introspection) {
        List<GraphQLError> errors = result.getErrors();
        if (errors.isEmpty()) {
            return result;
        }
        List<GraphQLError> coded = errors.stream().map(error -> coded(error, introspection)).toList();
        return coded.equals(errors) ? result : result.transform(builder -> builder.errors(coded));
    }

    private static GraphQLError coded(GraphQLError error, boolean introspection) {
        if (error instanceof IntrospectionDisabledError) {
            return copy(error, error.getMessage(), ErrorCode.GRAPHQL_VALIDATION_FAILED.name());
        }
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            return copy(error, error.getMessage(), LimitCode.GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED.name());
        }
        if (!introspection && error instanceof ValidationError && SUGGESTION.matcher(error.getMessage()).find()) {
            return copy(error, SUGGESTION.matcher(error.getMessage()).replaceAll(""),
                    ErrorCode.GRAPHQL_VALIDATION_FAILED.name());
        }
        if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
            return error;
        }
        return copy(error, error.getMessage(), codeOf(error).name());
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

    /** The error with a new message and code; everything else kept. */
    private static GraphQLError copy(GraphQLError error, String message, String code) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (error.getExtensions() != null) {
            extensions.putAll(error.getExtensions());
        }
        extensions.put("code", code);
        return GraphqlErrorBuilder.newError().message(message).locations(error.getLocations())
                .path(error.getPath()).errorType(error.getErrorType()).extensions(extensions).build();
    }
}
