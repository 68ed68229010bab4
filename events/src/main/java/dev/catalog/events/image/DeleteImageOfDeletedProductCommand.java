package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete an image because its product was deleted: sent by the deletion cascade, once per image the product
 * had. The image is deleted only if it still belongs to {@code productId}; one moved to another product in
 * the meantime stays. Handling it returns the image's version after the command.
 */
public record DeleteImageOfDeletedProductCommand(@TargetAggregateIdentifier ImageId imageId, ProductId productId) {
}
