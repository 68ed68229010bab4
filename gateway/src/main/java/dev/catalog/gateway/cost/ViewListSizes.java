package dev.catalog.gateway.cost;

import dev.catalog.query.product.ProductQueries;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link ListSizes} counted in the read views when first asked, and remembered for the rest of one request:
 * one statement for the active products and the images, one per distinct search. Not thread-safe: one per
 * request.
 */
final class ViewListSizes implements ListSizes {

    private final ProductQueries products;
    private ProductQueries.ListCounts counts;
    private final Map<String, Long> matching = new HashMap<>();

    ViewListSizes(ProductQueries products) {
        this.products = products;
    }

    @Override
    public long activeProducts() {
        return counts().activeProducts();
    }

    @Override
    public long activeProductsMatching(String search) {
        return matching.computeIfAbsent(search, products::countActiveMatching);
    }

    @Override
    public long images() {
        return counts().images();
    }

    private ProductQueries.ListCounts counts() {
        if (counts == null) {
            counts = products.countLists();
        }
        return counts;
    }
}
