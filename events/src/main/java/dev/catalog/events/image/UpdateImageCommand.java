package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace an image's url, priority and product ({@code priority} {@code null} means 100). When
 * {@code expectedVersion} is not {@code null} it must equal the current version. Handling it returns
 * the image as it now is ({@link ImageState}).
 */
public record UpdateImageCommand(
        @TargetAggregateIdentifier ImageId imageId,
        String url,
        Integer priority,
        ProductId productId,
        Long expectedVersion) {
}
