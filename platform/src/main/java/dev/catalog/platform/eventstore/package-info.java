/**
 * Axon's event-store table in PostgreSQL ({@code domainevententry}), read and written by SQL of the catalog's own
 * where Axon's {@code EventStorageEngine} has no call for it (head of the store, pages with gaps, positions of
 * events, a restore that keeps positions). {@link dev.catalog.platform.eventstore.EventStoreTable} is the only
 * class that names the table in SQL; everything else goes through it or through Axon.
 */
package dev.catalog.platform.eventstore;
