package dev.catalog.graphql.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.GraphQLSchema;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parses and validates each distinct document once, not on every request: clients send the same few
 * documents over and over, and parsing plus validating one cost more than running it. Keyed by the document's
 * text, for one schema; bounded to {@value #DOCUMENTS} documents, the least used go first.
 *
 * <p>Only documents that parsed and validated without error are kept. The limits still apply on every request
 * ({@link QueryLimitsInstrumentation#check}): a cached document is measured again with the request's variables
 * before it runs, since a variable can be a page size.
 */
final class DocumentCache implements PreparsedDocumentProvider {

    static final int DOCUMENTS = 1_000;

    private final Cache<String, PreparsedDocumentEntry> documents = Caffeine.newBuilder().maximumSize(DOCUMENTS).build();
    private final QueryLimitsInstrumentation limits;
    private final GraphQLSchema schema;

    DocumentCache(QueryLimitsInstrumentation limits, GraphQLSchema schema) {
        this.limits = limits;
        this.schema = schema;
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
            ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        PreparsedDocumentEntry cached = documents.getIfPresent(input.getQuery());
        if (cached == null) {
            // Parsing runs with the request's limits; a new document is measured before it is validated.
            PreparsedDocumentEntry entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                documents.put(input.getQuery(), entry);
            }
            return CompletableFuture.completedFuture(entry);
        }
        GraphQLError refusal = limits.check(schema, cached.getDocument(), input);
        return CompletableFuture.completedFuture(refusal == null ? cached : new PreparsedDocumentEntry(refusal));
    }
}
