package dev.catalog.gateway.cost;

/**
 * How many items the legacy unbounded lists would return right now, for {@link CatalogListCosts}. Only asked
 * when an operation contains such a list, so other operations cost no database work to measure.
 */
public interface ListSizes {

    /** Active products: what {@code getActiveProductsSortedById} returns. */
    long activeProducts();

    /** Active products whose name matches {@code search}: what {@code searchActiveProductsByName} returns. */
    long activeProductsMatching(String search);

    /** Visible images: what {@code getAllImages} returns, and the most images any list of products can hold. */
    long images();
}
