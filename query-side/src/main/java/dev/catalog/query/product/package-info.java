/**
 * The product read view: {@link dev.catalog.query.product.ProductViewProjection} writes
 * {@code product_view}; {@link dev.catalog.query.product.ProductQueries} reads it (and
 * {@code image_view} for a product's images).
 */
package dev.catalog.query.product;
