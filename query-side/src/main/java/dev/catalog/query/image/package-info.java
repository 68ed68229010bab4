/**
 * The image read view: {@link dev.catalog.query.image.ImageViewProjection} writes
 * {@code image_view}; {@link dev.catalog.query.image.ImageQueries} reads it.
 */
package dev.catalog.query.image;
