package dev.catalog.command.image;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.product.ProductId;
import java.util.List;

/**
 * The images that are not deleted, with their product and url: one url at most once per product
 * (ADR 0003). Written in the caller's transaction, the one that appends the image's events.
 */
public interface ImageUrls {

    /**
     * Allocates the id of a new image and records it with this url on this product, in one step (one statement
     * for the database). Ids are unique for ever; gaps are allowed (ADR 0002): a refused claim uses one up.
     *
     * @throws CommandRejectedException {@code CONFLICT} on field {@code "url"} when another image of that product
     *     has this url, also when it is being added concurrently
     */
    ImageId claimNew(ProductId productId, String url);

    /**
     * Records that the image has this url on this product, replacing what it had before (if any).
     *
     * @throws CommandRejectedException {@code CONFLICT} on field {@code "url"} when another image of
     *     that product has this url, also when it is being added concurrently
     */
    void claim(ImageId imageId, ProductId productId, String url);

    /** Forgets the image; does nothing when it is not recorded. */
    void release(ImageId imageId);

    /** The images of the product, sorted by id, as committed when the call runs (nothing is locked). */
    List<ImageId> imagesOf(ProductId productId);
}
