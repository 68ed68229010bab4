package dev.catalog.gateway.limits;

import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.introspection.GoodFaithIntrospection;
import graphql.introspection.IntrospectionDisabledError;
import graphql.parser.ParserOptions;
import graphql.validation.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Per request: gives the parser this service's limits (tokens, characters, nesting), answers GRAPHQL_TIMEOUT
 * and cancels the execution once {@link QueryLimits#timeout()} has passed, and codes the introspection
 * errors. With introspection off, validation messages lose any "Did you mean ...?" hint, so the schema
 * cannot be guessed field by field.
 *
 * <p>Runs innermost (lowest precedence) so that the timeout covers only the execution itself.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class QueryLimitsInterceptor implements WebGraphQlInterceptor {

    private static final Pattern SUGGESTION = Pattern.compile("\\s*Did you mean[^?]*\\?", Pattern.CASE_INSENSITIVE);

    private final QueryLimits limits;
    private final ParserOptions parserOptions;

    public QueryLimitsInterceptor(QueryLimits limits) {
        this.limits = limits;
        // Set per request through the GraphQLContext, not JVM-wide: ParseAndValidate reads it from there.
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(limits.maxTokens())
                .maxCharacters(limits.maxCharacters())
                // Ignored tokens (spaces, commas, comments) are at least one character each.
                .maxWhitespaceTokens(limits.maxCharacters())
                .maxRuleDepth(QueryLimits.MAX_RULE_DEPTH));
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        AtomicReference<ExecutionInput> seen = new AtomicReference<>();
        request.configureExecutionInput((input, builder) -> {
            input.getGraphQLContext().put(ParserOptions.class, parserOptions);
            seen.set(input);
            return input;
        });
        return chain.next(request)
                .timeout(limits.timeout(), Mono.fromSupplier(() -> timedOut(request, seen.get())))
                .map(this::withCodes);
    }

    private WebGraphQlResponse timedOut(WebGraphQlRequest request, ExecutionInput started) {
        ExecutionInput input = started != null ? started
                : ExecutionInput.newExecutionInput(request.getDocument()).build();
        QueryLimitsInstrumentation.cancel(input.getGraphQLContext());
        GraphQLError error = LimitErrors.of(LimitCode.GRAPHQL_TIMEOUT, ErrorType.ExecutionAborted, "The operation ran longer than "
                + limits.timeout().toMillis() + " ms and was cancelled. A mutation may still have been applied: "
                + "read it back before retrying.", limits.timeout().toMillis());
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(input,
                ExecutionResult.newExecutionResult().addError(error).build()));
    }

    private WebGraphQlResponse withCodes(WebGraphQlResponse response) {
        List<GraphQLError> errors = response.getExecutionResult().getErrors();
        if (errors.isEmpty()) {
            return response;
        }
        List<GraphQLError> rewritten = errors.stream().map(this::rewrite).toList();
        return rewritten.equals(errors) ? response : response.transform(builder -> builder.errors(rewritten));
    }

    private GraphQLError rewrite(GraphQLError error) {
        if (error instanceof IntrospectionDisabledError) {
            return copy(error, error.getMessage(), "GRAPHQL_VALIDATION_FAILED");
        }
        if (error instanceof GoodFaithIntrospection.BadFaithIntrospectionError) {
            return copy(error, error.getMessage(), LimitCode.GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED.name());
        }
        if (!limits.introspection() && error instanceof ValidationError
                && SUGGESTION.matcher(error.getMessage()).find()) {
            return copy(error, SUGGESTION.matcher(error.getMessage()).replaceAll(""), "GRAPHQL_VALIDATION_FAILED");
        }
        return error;
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
