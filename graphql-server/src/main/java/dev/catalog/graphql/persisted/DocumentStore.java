package dev.catalog.graphql.persisted;

import java.util.Optional;

/**
 * Where persisted documents are kept, shared by every instance of the service: given by the API as a bean.
 * Implementations are thread-safe.
 */
public interface DocumentStore {

    /** The document with this id (an APQ hash, or a manifest's id), if registered. */
    Optional<String> find(String id);

    /**
     * Registers {@code document} under {@code id}, unless the store holds {@code maxDocuments} already.
     *
     * @return whether it is registered now (also when it was before)
     */
    boolean add(String id, String document, int maxDocuments);
}
