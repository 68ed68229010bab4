package dev.catalog.gateway.product;

import dev.catalog.events.product.ProductStatus;
import java.math.BigDecimal;

/**
 * The GraphQL {@code ProductInput}. The price arrives as a GraphQL Float; {@link #decimalPrice()} takes
 * its shortest decimal form ({@code 19.99}, not {@code 19.989999...}), which the command side keeps
 * exactly.
 */
public record ProductInput(String name, Double price, ProductStatus status) {

    public BigDecimal decimalPrice() {
        return price == null ? null : BigDecimal.valueOf(price);
    }
}
