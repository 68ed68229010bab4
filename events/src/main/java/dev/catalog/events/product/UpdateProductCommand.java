package dev.catalog.events.product;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a product's name, price and status. When {@code expectedVersion} is not {@code null} the
 * update is refused with a conflict unless it equals the product's current version. Handling it
 * returns the product as it now is ({@link ProductState}).
 */
public record UpdateProductCommand(
        @TargetAggregateIdentifier ProductId productId,
        String name,
        BigDecimal price,
        ProductStatus status,
        Long expectedVersion) {
}
