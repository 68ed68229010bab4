package dev.catalog.graphql.persisted;

/** Which documents the service runs. */
public enum PersistedMode {
    /** Every document sent in full; a request naming a document by hash is refused (PERSISTED_QUERY_NOT_SUPPORTED). */
    OFF,
    /** Every document, in full or by the hash of one sent in full before (Apollo's automatic persisted queries). */
    APQ,
    /** Only the documents of the store (a manifest's, loaded by an administrator or at start-up), by id or in full. */
    TRUSTED
}
