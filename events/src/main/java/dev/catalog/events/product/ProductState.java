package dev.catalog.events.product;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product as a command left it: the result of creating or updating one, so that the caller can answer
 * without reading it back. The same values the product's read view holds once the command has committed
 * (times at the event store's precision, {@code version} the sequence number of its last event plus one).
 */
public record ProductState(ProductId productId, String name, BigDecimal price, ProductStatus status, long version,
                           Instant createdAt, Instant updatedAt) {
}
