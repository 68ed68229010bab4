package dev.catalog.query.image;

import dev.catalog.events.image.ImageState;
import java.time.Instant;

/**
 * An image as the read view holds it.
 *
 * @param version   the image aggregate's version: sequence number of its last applied event + 1
 * @param createdAt time of the creating event
 * @param updatedAt time of the last applied event
 */
public record ImageView(long id, long productId, String url, int priority, long version,
                        Instant createdAt, Instant updatedAt) {

    /**
     * The view of the image a command just wrote, from the state the command returned: the row its inline
     * projection wrote in the same transaction holds exactly these values.
     */
    public static ImageView of(ImageState state) {
        return new ImageView(state.imageId().value(), state.productId().value(), state.url(), state.priority(),
                state.version(), state.createdAt(), state.updatedAt());
    }
}
