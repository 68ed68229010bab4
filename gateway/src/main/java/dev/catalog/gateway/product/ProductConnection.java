package dev.catalog.gateway.product;

import dev.catalog.query.product.ProductView;
import java.util.List;

/** A page of products as a Relay cursor connection. */
public record ProductConnection(List<Edge> edges, PageInfo pageInfo) {

    /** One product of the page with the cursor that points just after it. */
    public record Edge(String cursor, ProductView node) {
    }

    /** Relay's page info; pagination runs forward only. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    static ProductConnection of(List<ProductView> rows, int first) {
        boolean hasNext = rows.size() > first;
        List<Edge> edges = rows.stream().limit(first)
                .map(product -> new Edge(ProductCursor.encode(product.id()), product))
                .toList();
        String start = edges.isEmpty() ? null : edges.getFirst().cursor();
        String end = edges.isEmpty() ? null : edges.getLast().cursor();
        return new ProductConnection(edges, new PageInfo(hasNext, false, start, end));
    }
}
