package dev.catalog.command.image;

import dev.catalog.events.product.ProductId;

/** The products that exist and are not deleted, as the command side's registry knows them. */
public interface LiveProducts {

    /**
     * Whether the product exists and is not deleted. When it does, the product is locked against
     * deletion until the caller's transaction ends (a shared lock: other images may be added
     * concurrently), so an image cannot be attached to a product whose deletion (and image cascade)
     * is under way. When a deletion of the product is in progress, this waits for it and then
     * answers {@code false}.
     */
    boolean lockIfLive(ProductId productId);
}
