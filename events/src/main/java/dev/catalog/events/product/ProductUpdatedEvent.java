package dev.catalog.events.product;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/** A product's name, price and status were replaced; carries the full new state. */
@Revision("1")
public record ProductUpdatedEvent(ProductId productId, String name, BigDecimal price, ProductStatus status) {
}
