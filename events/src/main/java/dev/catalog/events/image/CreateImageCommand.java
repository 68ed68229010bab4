package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;

/**
 * Add an image to a product. {@code priority} {@code null} means 100. The command side allocates the
 * id, validates the url and priority, and checks that the product exists and has no image with this
 * url. Handling it returns the new image ({@link ImageState}).
 */
public record CreateImageCommand(String url, Integer priority, ProductId productId) {
}
