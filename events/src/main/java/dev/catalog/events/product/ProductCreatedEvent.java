package dev.catalog.events.product;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/** A product was created. {@code name} is trimmed; {@code price} has scale 2. */
@Revision("1")
public record ProductCreatedEvent(ProductId productId, String name, BigDecimal price, ProductStatus status) {
}
