package dev.catalog.events.image;

import dev.catalog.events.product.ProductId;

/**
 * Add an image to a product. {@code priority} {@code null} means 100. The command side allocates the
 * id, validates the url and priority, and checks that the product exists and has no image with this
 * url. Handling it returns the new image ({@link ImageState}).
 *
 * <p>{@code file} is set for an uploaded image: the file the image store already keeps, which {@code url} addresses.
 * Null for an image given as a URL.
 */
public record CreateImageCommand(String url, Integer priority, ProductId productId, ImageFile file) {

    /** An image given as a URL. */
    public CreateImageCommand(String url, Integer priority, ProductId productId) {
        this(url, priority, productId, null);
    }
}
