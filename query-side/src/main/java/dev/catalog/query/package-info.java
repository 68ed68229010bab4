/**
 * The query side of the catalog: projections that turn events into PostgreSQL read views, and the
 * read services that answer every query from those views.
 *
 * <p>Packages are by feature: {@code product} and {@code image} each hold a view's projection, its
 * query service and its record types; {@code infrastructure} holds the processor, transaction and
 * dead-letter configuration shared by all projections. Everything here is picked up by component
 * scanning of {@code dev.catalog}; the application needs no configuration of its own for it.
 */
package dev.catalog.query;
