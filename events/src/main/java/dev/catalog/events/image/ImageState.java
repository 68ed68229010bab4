package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;
import java.time.Instant;

/**
 * An image as a command left it: the result of creating or updating one, so that the caller can answer
 * without reading it back. The same values the image's read view holds once the command has committed
 * (times at the event store's precision, {@code version} the sequence number of its last event plus one).
 * {@code file} is the uploaded file behind {@code url}, null for an image given as a URL.
 */
public record ImageState(ImageId imageId, ProductId productId, String url, int priority, long version,
                         Instant createdAt, Instant updatedAt, ImageFile file) {
}
