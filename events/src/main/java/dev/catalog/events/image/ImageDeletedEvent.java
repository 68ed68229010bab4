package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;
import org.axonframework.serialization.Revision;

/** An image was deleted, directly or because its product was. */
@Revision("1")
public record ImageDeletedEvent(ImageId imageId, ProductId productId) {
}
