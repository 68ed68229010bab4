package dev.catalog.events.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.catalog.events.product.ProductId;
import org.axonframework.serialization.Revision;

/**
 * An image was added to a product.
 *
 * <p>{@code file} is the uploaded file behind {@code url}, or null for an image given as a URL. It was added to
 * revision 1 without a new revision: it is left out of the JSON when null, so an event of a URL image is stored as it
 * always was, and a reader that does not know the property ignores it.
 */
@Revision("1")
public record ImageCreatedEvent(ImageId imageId, ProductId productId, String url, int priority,
                                @JsonInclude(JsonInclude.Include.NON_NULL) ImageFile file) {

    /** An image given as a URL. */
    public ImageCreatedEvent(ImageId imageId, ProductId productId, String url, int priority) {
        this(imageId, productId, url, priority, null);
    }
}
