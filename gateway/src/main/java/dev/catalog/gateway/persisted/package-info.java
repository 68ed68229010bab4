/**
 * Persisted documents, the catalog's side: the store every instance shares ({@link JdbcDocumentStore}, the table
 * {@code persisted_document}), and the administrators' fields that list them and load a manifest. The transport
 * ({@code dev.catalog.graphql}) resolves the requests that name them.
 */
package dev.catalog.gateway.persisted;
