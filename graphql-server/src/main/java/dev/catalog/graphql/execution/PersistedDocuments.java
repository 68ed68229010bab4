package dev.catalog.graphql.execution;

import dev.catalog.graphql.persisted.DocumentHash;
import dev.catalog.graphql.persisted.DocumentStore;
import dev.catalog.graphql.persisted.PersistedMode;
import dev.catalog.graphql.persisted.PersistedProperties;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request that names a persisted document into one that carries it, for every transport, before it runs.
 *
 * <p>Automatic persisted queries as Apollo's clients speak them ({@code extensions.persistedQuery} with
 * {@code version: 1} and {@code sha256Hash}): a hash alone runs the document registered under it, or gets
 * {@code PERSISTED_QUERY_NOT_FOUND}, on which the client sends the document with its hash; that request runs, and
 * its document is registered once it passed parsing, validation and the limits (the answer has data), within
 * {@code maxDocuments}. A hash that is not the document's SHA-256 is refused. In {@code trusted} mode only the
 * store's documents run, named by hash or {@code documentId}, or sent in full; an administrator runs any.
 */
public class PersistedDocuments {

    private static final Logger log = LoggerFactory.getLogger(PersistedDocuments.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final PersistedProperties properties;
    private final DocumentStore store;
    private final Map<String, String> cache;

    public PersistedDocuments(PersistedProperties properties, DocumentStore store) {
        this.properties = properties;
        this.store = store;
        int size = properties.cacheSize();
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(size, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > size;
            }
        });
    }

    /** What a request comes to: the request to run with its document, or an answer refusing it. */
    public record Resolution(GraphQlRequest request, ExecutionResult refusal, String registerAs) {

        static Resolution run(GraphQlRequest request) {
            return new Resolution(request, null, null);
        }

        static Resolution refused(String message, String code) {
            return new Resolution(null, ExecutionResult.newExecutionResult().addError(GraphqlErrorBuilder.newError()
                    .message(message).extensions(Map.of("code", code)).build()).build(), null);
        }
    }

    /**
     * @param administrator whether the caller may run documents outside a trusted list; asked in trusted mode
     *                      only
     */
    public Resolution resolve(GraphQlRequest request, BooleanSupplier administrator) {
        PersistedMode mode = properties.mode();
        String hash = hash(request.extensions());
        String id = request.documentId() != null ? request.documentId() : hash;
        if (mode == PersistedMode.OFF) {
            return id == null ? Resolution.run(request)
                    : Resolution.refused("PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED");
        }
        if (request.extensions().containsKey("persistedQuery") && hash == null) {
            return Resolution.refused("extensions.persistedQuery needs version 1 and a sha256Hash of 64 lower-case "
                    + "hex digits.", "BAD_REQUEST");
        }
        if (request.query() == null) {
            Optional<String> document = find(id);
            if (document.isPresent()) {
                return Resolution.run(request.withQuery(document.get()));
            }
            return mode == PersistedMode.TRUSTED && !administrator.getAsBoolean()
                    ? notInList()
                    : Resolution.refused("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND");
        }
        // Hashed only when a hash is given or in trusted mode: most requests carry their document and no hash.
        if (hash != null && !hash.equals(DocumentHash.sha256(request.query()))) {
            return Resolution.refused("provided sha does not match query", "BAD_REQUEST");
        }
        if (mode == PersistedMode.TRUSTED) {
            // Manifests are stored under their ids and under their documents' hashes: a document sent in full is
            // found by its hash.
            boolean trusted = request.query().equals(find(id != null ? id : DocumentHash.sha256(request.query()))
                    .orElse(null));
            return trusted || administrator.getAsBoolean() ? Resolution.run(request) : notInList();
        }
        return hash == null || find(hash).isPresent() ? Resolution.run(request)
                : new Resolution(request, null, hash);
    }

    /** Registers the document of an automatic persisted query that ran, once it passed validation and the limits. */
    public void ran(Resolution resolution, ExecutionResult result) {
        if (resolution.registerAs() == null || !result.isDataPresent()) {
            return;
        }
        if (store.add(resolution.registerAs(), resolution.request().query(), properties.maxDocuments())) {
            cache.put(resolution.registerAs(), resolution.request().query());
        } else {
            log.warn("Persisted document {} not registered: the store holds catalog.persisted.max-documents ({}) "
                    + "already", resolution.registerAs(), properties.maxDocuments());
        }
    }

    public PersistedProperties properties() {
        return properties;
    }

    private Optional<String> find(String id) {
        String cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> stored = store.find(id);
        stored.ifPresent(document -> cache.put(id, document));
        return stored;
    }

    private static Resolution notInList() {
        return Resolution.refused("This service runs only trusted documents: send the id of one of them "
                + "(extensions.persistedQuery.sha256Hash or documentId).", "PERSISTED_QUERY_NOT_IN_LIST");
    }

    /** The hash of {@code extensions.persistedQuery}, when it is version 1 with a well-formed hash; else null. */
    private static String hash(Map<String, Object> extensions) {
        if (!(extensions.get("persistedQuery") instanceof Map<?, ?> persisted)) {
            return null;
        }
        Object version = persisted.get("version");
        Object hash = persisted.get("sha256Hash");
        boolean versionOne = version instanceof Number number && number.intValue() == 1;
        return versionOne && hash instanceof String text && SHA256.matcher(text).matches() ? text : null;
    }
}
