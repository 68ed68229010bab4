package dev.catalog.graphql.persisted;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Documents kept in this process only: what the server uses when the API gives no {@link DocumentStore}. Several
 * instances each then learn the documents for themselves.
 */
public final class InMemoryDocumentStore implements DocumentStore {

    private final Map<String, String> documents = new ConcurrentHashMap<>();

    @Override
    public Optional<String> find(String id) {
        return Optional.ofNullable(documents.get(id));
    }

    @Override
    public synchronized boolean add(String id, String document, int maxDocuments) {
        if (documents.containsKey(id)) {
            return true;
        }
        if (documents.size() >= maxDocuments) {
            return false;
        }
        documents.put(id, document);
        return true;
    }
}
