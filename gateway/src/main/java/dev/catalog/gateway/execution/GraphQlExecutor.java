package dev.catalog.gateway.execution;

import dev.catalog.gateway.admin.AdminOperations;
import dev.catalog.gateway.error.ErrorCodes;
import dev.catalog.gateway.limits.LimitCode;
import dev.catalog.gateway.limits.LimitErrors;
import dev.catalog.gateway.limits.QueryLimits;
import dev.catalog.gateway.limits.QueryLimitsInstrumentation;
import dev.catalog.gateway.security.Scopes;
import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserOptions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs one GraphQL operation, on the caller's thread, with this service's limits: the parser's
 * ({@link QueryLimitsInstrumentation#parserOptions}), the measure of the operation (in the engine), and the
 * execution timeout ({@code CATALOG_GRAPHQL_TIMEOUT}), past which the execution is cancelled (fields not
 * yet fetched are not) and {@code GRAPHQL_TIMEOUT} answered. Every error of the result carries its code
 * ({@link ErrorCodes}). The engine is Spring for GraphQL's, with the schema, the controllers and the exception
 * resolvers; no Reactor pipeline, no interceptor chain in between. Each distinct document is parsed and validated
 * once ({@link QueryLimitsInstrumentation#documentCache}). One executor per schema: the combined one and each
 * federation subgraph's.
 */
public class GraphQlExecutor {

    private final GraphQL graphQl;
    private final QueryLimits limits;
    private final ParserOptions parserOptions;
    private final GraphQlMetrics metrics;

    public GraphQlExecutor(GraphQlSource source, QueryLimits limits, QueryLimitsInstrumentation instrumentation,
                           GraphQlMetrics metrics) {
        this.metrics = metrics;
        this.graphQl = source.graphQl().transform(engine -> engine
                .preparsedDocumentProvider(instrumentation.documentCache(source.schema())));
        this.limits = limits;
        this.parserOptions = instrumentation.parserOptions();
    }

    /**
     * @param operationName which operation of the document to run; {@code null} when it has only one
     * @param variables     the operation's variables, never {@code null}
     * @param extensions    the request's extensions, never {@code null}
     */
    public ExecutionResult execute(String query, String operationName, Map<String, Object> variables,
                                   Map<String, Object> extensions, Locale locale) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query)
                .operationName(operationName)
                .variables(variables)
                .extensions(extensions)
                .locale(locale)
                .graphQLContext(context -> context.put(ParserOptions.class, parserOptions))
                .build();
        long start = System.nanoTime();
        CompletableFuture<ExecutionResult> execution = graphQl.executeAsync(input);
        ExecutionResult result;
        try {
            try {
                result = execution.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (!administrative(query, operationName)) {
                    throw e;
                }
                result = execution.get(limits.adminTimeout().minus(limits.timeout()).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            input.cancel();
            result = timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            input.cancel();
            result = timedOut();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
        ExecutionResult answered = ErrorCodes.apply(result, limits.introspection());
        metrics.record(answered, System.nanoTime() - start);
        return answered;
    }

    /** {@code result} (a subscription's next one) with every error carrying its code ({@link ErrorCodes}). */
    public ExecutionResult withCodes(ExecutionResult result) {
        return ErrorCodes.apply(result, limits.introspection());
    }

    /**
     * Whether an operation that outlived the timeout may run on to the administrators' timeout: the caller (set on
     * this thread by the endpoint) holds scope {@code catalog:admin} and the operation selects administrative root
     * fields only ({@link AdminOperations}). The document is parsed again here, only for such slow operations.
     */
    private boolean administrative(String query, String operationName) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller.getAuthorities().stream()
                .noneMatch(authority -> Scopes.ADMIN_AUTHORITY.equals(authority.getAuthority()))) {
            return false;
        }
        List<OperationDefinition> operations = Parser.parse(query).getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(operation -> operationName == null ? operations.size() == 1 : operationName.equals(operation.getName()))
                .findFirst()
                .map(operation -> operation.getSelectionSet().getSelections().stream().allMatch(selection ->
                        selection instanceof Field field && AdminOperations.FIELDS.contains(field.getName())))
                .orElse(false);
    }

    private ExecutionResult timedOut() {
        Duration timeout = limits.timeout();
        return ExecutionResult.newExecutionResult().addError(LimitErrors.of(LimitCode.GRAPHQL_TIMEOUT,
                ErrorType.ExecutionAborted, "The operation ran longer than " + timeout.toMillis()
                        + " ms and was cancelled. A mutation may still have been applied: read it back before retrying.",
                timeout.toMillis())).build();
    }
}
