package dev.catalog.benchmark;

/** The GraphQL operations the benchmark issues, each measured on its own. */
enum Operation {

    PRODUCT("product(id)", Kind.READ),
    PRODUCTS_PAGE("products(first: 20, filter: {search})", Kind.READ),
    ACTIVE_SORTED("getActiveProductsSortedById", Kind.READ),
    SEARCH_BY_NAME("searchActiveProductsByName", Kind.READ),
    UPDATE_PRODUCT("updateProduct", Kind.WRITE),
    CREATE_IMAGE("createImage", Kind.WRITE),
    DELETE_IMAGE("deleteImage", Kind.WRITE),
    VERIFY_READ("product(id) after a write", Kind.VERIFY);

    /** What an operation is for: load (read or write) or the read-your-writes check that follows a write. */
    enum Kind { READ, WRITE, VERIFY }

    private final String label;
    private final Kind kind;

    Operation(String label, Kind kind) {
        this.label = label;
        this.kind = kind;
    }

    String label() {
        return label;
    }

    Kind kind() {
        return kind;
    }
}
