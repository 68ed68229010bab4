package dev.catalog.query.product;

import dev.catalog.events.product.ProductStatus;
import java.math.BigDecimal;

/**
 * Criteria of {@link ProductQueries#findPage}; every field is optional ({@code null}: no condition).
 *
 * @param status   only products with this status
 * @param search   full-text search on the name, as in {@link ProductQueries#searchActiveByName}
 *                 (prefix match of every word); blank means no condition, but a search without
 *                 any word characters (only punctuation) matches nothing
 * @param minPrice price at least this (inclusive)
 * @param maxPrice price at most this (inclusive)
 */
public record ProductFilter(ProductStatus status, String search, BigDecimal minPrice, BigDecimal maxPrice) {

    /** No conditions: every product. */
    public static final ProductFilter NONE = new ProductFilter(null, null, null, null);
}
