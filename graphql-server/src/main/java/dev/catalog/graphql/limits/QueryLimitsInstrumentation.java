package dev.catalog.graphql.limits;

import dev.catalog.graphql.error.LimitCode;
import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.validation.ValidationError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Enforces the document limits inside graphql-java, so no resolver runs for a refused operation:
 * <ul>
 *   <li>before validation, measures the operation ({@link OperationCost}, with the lists' sizes that
 *       {@link ListCosts} gives) and aborts past max depth, list size, complexity, aliases or directives (the validator
 *       itself is protected too);</li>
 *   <li>after a parse that the parser cancelled (the limits of {@link #parserOptions}), gives the syntax error
 *       the code of the limit instead of GRAPHQL_PARSE_FAILED.</li>
 * </ul>
 * Spring Boot adds every {@link Instrumentation} bean to the GraphQL engine.
 */
@Component
public class QueryLimitsInstrumentation implements Instrumentation {

    /** GraphQLContext key: the limit whose parser check cancelled the parse. */
    private static final String PARSE_CANCELLED = QueryLimitsInstrumentation.class.getName() + ".parseCancelled";

    private final QueryLimits limits;
    private final ListCosts lists;
    private final ParserOptions parserOptions;

    public QueryLimitsInstrumentation(QueryLimits limits, ListCosts lists) {
        this.limits = limits;
        this.lists = lists;
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(limits.maxTokens())
                .maxCharacters(limits.maxCharacters())
                // Ignored tokens (spaces, commas, comments) are at least one character each.
                .maxWhitespaceTokens(limits.maxCharacters())
                .maxRuleDepth(QueryLimits.MAX_RULE_DEPTH));
    }

    /**
     * The parser's limits (tokens, characters, nesting), to put in an execution's {@code GraphQLContext} under
     * {@code ParserOptions.class}: per request, not JVM-wide.
     */
    public ParserOptions parserOptions() {
        return parserOptions;
    }

    /**
     * A cache of the documents that parsed and validated against {@code schema}, for that schema's engine
     * ({@code GraphQL.Builder#preparsedDocumentProvider}); the limits still apply to every request.
     */
    public PreparsedDocumentProvider documentCache(GraphQLSchema schema) {
        return new DocumentCache(this, schema);
    }

    @Override
    public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
                                                       InstrumentationState state) {
        GraphQLContext context = parameters.getExecutionInput().getGraphQLContext();
        return SimpleInstrumentationContext.whenCompleted((document, failure) -> {
            LimitCode code = codeOf(failure);
            if (code != null) {
                context.put(PARSE_CANCELLED, code);
            }
        });
    }

    /** The limit a parse failure is about, or null for a plain syntax error. */
    private static LimitCode codeOf(Throwable failure) {
        return switch (failure) {
            case ParseCancelledTooManyCharsException ignored -> LimitCode.GRAPHQL_DOCUMENT_TOO_LARGE;
            case ParseCancelledTooDeepException ignored -> LimitCode.GRAPHQL_DEPTH_LIMIT_EXCEEDED;
            case ParseCancelledException ignored -> LimitCode.GRAPHQL_TOKEN_LIMIT_EXCEEDED;
            case null, default -> null;
        };
    }

    /** Measures a document that was just parsed, before the validator walks it. */
    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
                                                                         InstrumentationState state) {
        GraphQLError refusal = check(parameters.getSchema(), parameters.getDocument(), parameters.getExecutionInput());
        if (refusal != null) {
            throw new AbortExecutionException(List.of(refusal));
        }
        return null;
    }

    /**
     * The first limit the operation to run is past, with this request's variables (a variable can be
     * {@code first}), or {@code null}: for a newly parsed document before validation. {@link DocumentCache} checks
     * the documents it validated before on every request, with {@link #measure} and {@link #refusal}.
     */
    GraphQLError check(GraphQLSchema schema, Document document, ExecutionInput input) {
        return refusal(measure(schema, document, input));
    }

    /** The measure of the operation to run, with this request's variables (a variable can be {@code first}). */
    OperationCost.Measure measure(GraphQLSchema schema, Document document, ExecutionInput input) {
        return OperationCost.measure(schema, document, input.getOperationName(), input.getVariables(), lists.sizer(),
                limits.maxComplexity());
    }

    /** The first limit the measure is past, depth first (the cheapest to understand), or null. */
    GraphQLError refusal(OperationCost.Measure measure) {
        if (measure.depth() > limits.maxDepth()) {
            return refuse(LimitCode.GRAPHQL_DEPTH_LIMIT_EXCEEDED, "The operation nests fields "
                    + measure.depth() + " deep; at most " + limits.maxDepth() + " are allowed.", limits.maxDepth());
        }
        if (measure.largestListSize() > limits.maxListSize()) {
            return refuse(LimitCode.LIST_TOO_LARGE, lists.tooLarge(measure.largestList(),
                    String.valueOf(measure.largestListSize()), limits.maxListSize()), limits.maxListSize());
        }
        if (measure.truncated() || measure.complexity() > limits.maxComplexity()) {
            return refuse(LimitCode.GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED, "The operation's estimated cost is "
                    + (measure.truncated() ? "too large to compute" : String.valueOf(measure.complexity()))
                    + "; at most " + limits.maxComplexity()
                    + " is allowed. Ask for fewer fields, a smaller `first`, or split the operation.",
                    limits.maxComplexity());
        }
        if (measure.aliases() > limits.maxAliases()) {
            return refuse(LimitCode.GRAPHQL_ALIAS_LIMIT_EXCEEDED, "The operation uses " + measure.aliases()
                    + " aliases; at most " + limits.maxAliases() + " are allowed.", limits.maxAliases());
        }
        if (measure.directives() > limits.maxDirectives()) {
            return refuse(LimitCode.GRAPHQL_DIRECTIVE_LIMIT_EXCEEDED, "The operation uses "
                    + measure.directives() + " directives; at most " + limits.maxDirectives() + " are allowed.",
                    limits.maxDirectives());
        }
        return null;
    }

    /** A refusal before validation: classified like a validation error, since the document is the problem. */
    private static GraphQLError refuse(LimitCode code, String message, long limit) {
        return LimitErrors.of(code, ErrorType.ValidationError, message, limit);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                        InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        LimitCode cancelled = parameters.getExecutionInput().getGraphQLContext().get(PARSE_CANCELLED);
        if (cancelled == null) {
            return CompletableFuture.completedFuture(result);
        }
        long limit = switch (cancelled) {
            case GRAPHQL_DOCUMENT_TOO_LARGE -> limits.maxCharacters();
            case GRAPHQL_DEPTH_LIMIT_EXCEEDED -> QueryLimits.MAX_RULE_DEPTH;
            default -> limits.maxTokens();
        };
        List<GraphQLError> errors = result.getErrors().stream()
                .map(error -> error.getErrorType() == ErrorType.InvalidSyntax
                        ? LimitErrors.of(cancelled, ErrorType.InvalidSyntax, error.getMessage(), limit) : error)
                .toList();
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
    }
}
