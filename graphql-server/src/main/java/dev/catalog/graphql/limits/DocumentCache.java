package dev.catalog.graphql.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.GraphQLSchema;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parses and validates each distinct document once, not on every request: clients send the same few
 * documents over and over, and parsing plus validating one cost more than running it. Keyed by the document's
 * text, for one schema; bounded to {@value #DOCUMENTS} documents, the least used go first.
 *
 * <p>Only documents that parsed and validated without error are kept. The limits still apply on every request
 * ({@link QueryLimitsInstrumentation#refusal}): a cached document is measured again with the request's variables
 * before it runs, since a variable can be a page size. A measure that follows from the document alone
 * ({@link OperationCost.Measure#documentOnly()}) is kept with it, for the operation name it was taken for.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    static final int DOCUMENTS = 1_000;

    /** A document that parsed and validated, and the measure of one of its operations when it can be reused. */
    private record Cached(PreparsedDocumentEntry entry, String operationName, OperationCost.Measure measure) {

        OperationCost.Measure measureFor(String operation) {
            return measure != null && Objects.equals(operationName, operation) ? measure : null;
        }
    }

    private final Cache<String, Cached> documents = Caffeine.newBuilder().maximumSize(DOCUMENTS).build();
    private final QueryLimitsInstrumentation limits;
    private final GraphQLSchema schema;

    DocumentCache(QueryLimitsInstrumentation limits, GraphQLSchema schema) {
        this.limits = limits;
        this.schema = schema;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        Cached cached = documents.getIfPresent(input.getQuery());
        if (cached == null) {
            // Parsing runs with the request's limits; a new document is measured before it is validated.
            PreparsedDocumentEntry entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                documents.put(input.getQuery(), new Cached(entry, null, null));
            }
            return CompletableFuture.completedFuture(entry);
        }
        OperationCost.Measure measure = cached.measureFor(input.getOperationName());
        if (measure == null) {
            measure = limits.measure(schema, cached.entry().getDocument(), input);
            if (measure.documentOnly()) {
                documents.put(input.getQuery(), new Cached(cached.entry(), input.getOperationName(), measure));
            }
        }
        GraphQLError refusal = limits.refusal(measure);
        return CompletableFuture.completedFuture(refusal == null ? cached.entry() : new PreparsedDocumentEntry(refusal));
    }
}
