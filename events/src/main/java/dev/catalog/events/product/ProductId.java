package dev.catalog.events.product;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A product's identity: a positive integer allocated by the command side.
 *
 * <p>{@link #toString()} is the Axon aggregate identifier ({@code product-7}); it is prefixed so a
 * product and an image with the same number never share an event stream.
 */
public record ProductId(@JsonValue long value) {

    public ProductId {
        if (value <= 0) {
            throw new IllegalArgumentException("A product id is a positive integer, got " + value);
        }
    }

    @JsonCreator
    public static ProductId of(long value) {
        return new ProductId(value);
    }

    @Override
    public String toString() {
        return "product-" + value;
    }
}
