package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;
import org.axonframework.serialization.Revision;

/** An image was added to a product. */
@Revision("1")
public record ImageCreatedEvent(ImageId imageId, ProductId productId, String url, int priority) {
}
