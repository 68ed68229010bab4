package dev.catalog.events.product;

import java.math.BigDecimal;

/**
 * Create a product. The command side allocates its id and validates every field; {@code status}
 * {@code null} means {@link ProductStatus#ACTIVE}. Handling it returns the new product ({@link ProductState}).
 */
public record CreateProductCommand(String name, BigDecimal price, ProductStatus status) {
}
