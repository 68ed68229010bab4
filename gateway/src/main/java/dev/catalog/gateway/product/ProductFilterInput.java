package dev.catalog.gateway.product;

import dev.catalog.events.product.ProductStatus;
import dev.catalog.query.product.ProductFilter;
import java.math.BigDecimal;

/** The GraphQL {@code ProductFilter}; every field optional. */
public record ProductFilterInput(ProductStatus status, String search, Double minPrice, Double maxPrice) {

    static final ProductFilter NONE = new ProductFilter(null, null, null, null);

    ProductFilter toFilter() {
        String words = search == null || search.isBlank() ? null : search;
        return new ProductFilter(status, words, decimal(minPrice), decimal(maxPrice));
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
