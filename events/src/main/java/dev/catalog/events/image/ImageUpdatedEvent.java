package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;
import org.axonframework.serialization.Revision;

/**
 * An image's url, priority or product were replaced; carries the full new state.
 * {@code previousProductId} differs from {@code productId} when the image moved to another product.
 */
@Revision("1")
public record ImageUpdatedEvent(
        ImageId imageId, ProductId productId, ProductId previousProductId, String url, int priority) {
}
