/**
 * The history read model: every change of every product and image, who caused it and in which request, with the
 * entity's state after it ({@code product_change}, {@code image_change}); and the reads over it: an entity's history,
 * and the entity as it was at a time or version ({@link dev.catalog.query.history.HistoryQueries}).
 */
package dev.catalog.query.history;
