package dev.catalog.graphql.execution;

import dev.catalog.graphql.error.ErrorCode;
import dev.catalog.graphql.error.ErrorCodes;
import dev.catalog.graphql.error.InternalErrors;
import dev.catalog.graphql.error.LimitCode;
import dev.catalog.graphql.error.UnavailableErrors;
import dev.catalog.graphql.limits.LimitErrors;
import dev.catalog.graphql.limits.QueryLimits;
import dev.catalog.graphql.limits.QueryLimitsInstrumentation;
import dev.catalog.graphql.security.Callers;
import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.language.Field;
import graphql.parser.Parser;
import graphql.parser.ParserOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.springframework.graphql.execution.GraphQlSource;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * Runs one GraphQL operation, on the caller's thread, for every transport (HTTP and WebSocket alike), with this
 * service's guards: the caller's token still valid now, and the limits: the parser's
 * ({@link QueryLimitsInstrumentation#parserOptions}), the measure of the operation (in the engine), and the
 * execution timeout ({@code CATALOG_GRAPHQL_TIMEOUT}), past which the execution is cancelled (fields not
 * yet fetched are not) and {@code GRAPHQL_TIMEOUT} answered. Every error of the result carries its code
 * ({@link ErrorCodes}). The engine is Spring for GraphQL's, with the schema, the controllers and the exception
 * resolvers; no Reactor pipeline, no interceptor chain in between. Each distinct document is parsed and validated
 * once ({@link QueryLimitsInstrumentation#documentCache}), and objects whose fields only read their parent are
 * completed by a plan made once per document ({@link LightObjectsStrategy}). One executor per endpoint's schema.
 */
public class GraphQlExecutor {

    /** The key of the running request's id in the logging context ({@link MDC}), on the thread that runs it. */
    public static final String REQUEST_ID = "requestId";

    private final GraphQL graphQl;
    private final QueryLimits limits;
    private final ParserOptions parserOptions;
    private final GraphQlMetrics metrics;
    private final Callers callers;
    private final AdministrativeFields administrativeFields;
    private final PersistedDocuments persisted;

    public GraphQlExecutor(GraphQlSource source, QueryLimits limits, QueryLimitsInstrumentation instrumentation,
                           Callers callers, AdministrativeFields administrativeFields, GraphQlMetrics metrics,
                           PersistedDocuments persisted) {
        this.administrativeFields = administrativeFields;
        this.persisted = persisted;
        this.metrics = metrics;
        this.callers = callers;
        GraphQL engine = source.graphQl();
        this.graphQl = engine.transform(builder -> builder
                .preparsedDocumentProvider(instrumentation.documentCache(source.schema()))
                .queryExecutionStrategy(new LightObjectsStrategy(
                        LightObjectsStrategy.exceptionHandlerOf(engine.getQueryStrategy()))));
        this.limits = limits;
        this.parserOptions = instrumentation.parserOptions();
    }

    /**
     * Runs {@code request} as {@code caller}, whatever transport carried it: refused with {@code UNAUTHENTICATED}
     * when the caller's token has expired by now (a WebSocket connection outlives its token), else executed with
     * the caller in the security context, where the controllers' scope checks read it.
     */
    public ExecutionResult execute(GraphQlRequest request, Authentication caller, Locale locale) {
        return run(resolve(request, caller), caller, locale);
    }

    /**
     * The request as it will run: with the document it names, if it names a persisted one, or the answer refusing
     * it ({@link PersistedDocuments}).
     */
    public PersistedDocuments.Resolution resolve(GraphQlRequest request, Authentication caller) {
        return persisted.resolve(request, () -> callers.isAdministrator(caller));
    }

    /** Runs a {@linkplain #resolve resolved} request, as {@link #execute(GraphQlRequest, Authentication, Locale)}. */
    public ExecutionResult run(PersistedDocuments.Resolution resolution, Authentication caller, Locale locale) {
        if (callers.expired(caller)) {
            return ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                    .message("The bearer token has expired; authenticate again with a new one.")
                    .extensions(Map.of("code", ErrorCode.UNAUTHENTICATED.name())).build()).build();
        }
        if (resolution.refusal() != null) {
            return resolution.refusal();
        }
        GraphQlRequest request = resolution.request();
        SecurityContextHolder.setContext(new SecurityContextImpl(caller));
        // One id per request, for whatever it causes (the events of its commands record it) and for its logs. Random,
        // not secret: ThreadLocalRandom spares every request, reads included, the shared SecureRandom of randomUUID.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        MDC.put(REQUEST_ID, new UUID(random.nextLong(), random.nextLong()).toString());
        try {
            ExecutionResult result = execute(request.query(), request.operationName(), request.variables(),
                    request.extensions(), locale);
            persisted.ran(resolution, result);
            return result;
        } finally {
            MDC.remove(REQUEST_ID);
            SecurityContextHolder.clearContext();
        }
    }

    private ExecutionResult execute(String query, String operationName, Map<String, Object> variables,
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
            // A failure outside the fields' fetchers (the limits' list sizes, say): one error, never a bare 500.
            GraphQLError error = UnavailableErrors.isDatabaseUnreachable(e.getCause())
                    ? UnavailableErrors.of(GraphqlErrorBuilder.newError(), "while executing an operation", e.getCause())
                    : InternalErrors.of(GraphqlErrorBuilder.newError(), "while executing an operation", e.getCause());
            result = ExecutionResult.newExecutionResult().addError(error).build();
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
     * this thread by {@link #execute(GraphQlRequest, Authentication, Locale)}) is an administrator and the operation selects administrative root
     * fields only ({@link AdministrativeFields}). The document is parsed again here, only for such slow operations.
     */
    private boolean administrative(String query, String operationName) {
        if (!callers.isAdministrator(SecurityContextHolder.getContext().getAuthentication())) {
            return false;
        }
        return OperationSelection.select(Parser.parse(query), operationName)
                .map(operation -> operation.getSelectionSet().getSelections().stream().allMatch(selection ->
                        selection instanceof Field field && administrativeFields.contains(field.getName())))
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
