/**
 * Persisted documents: Apollo's automatic persisted queries ({@code extensions.persistedQuery.sha256Hash}), and
 * trusted documents (only the documents of a manifest are run): their settings, manifests, and the
 * {@link dev.catalog.graphql.persisted.DocumentStore} the API gives as a bean (shared by every instance). The
 * execution package resolves the requests that name them ({@code PersistedDocuments}). Names nothing of the catalog.
 */
package dev.catalog.graphql.persisted;
