package dev.catalog.query.image;

import dev.catalog.events.image.ImageFile;
import dev.catalog.events.image.ImageState;
import java.time.Instant;

/**
 * An image as the read view holds it.
 *
 * @param version     the image aggregate's version: sequence number of its last applied event + 1
 * @param createdAt   time of the creating event
 * @param updatedAt   time of the last applied event
 * @param contentType the uploaded file's type, read from its bytes; null (as the three after it) for an image given
 *                    as a URL
 * @param byteSize    the uploaded file's length
 * @param width       the uploaded image's width in pixels
 * @param height      the uploaded image's height in pixels
 */
public record ImageView(long id, long productId, String url, int priority, long version,
                        Instant createdAt, Instant updatedAt,
                        String contentType, Long byteSize, Integer width, Integer height) {

    /** An image given as a URL. */
    public ImageView(long id, long productId, String url, int priority, long version, Instant createdAt,
                     Instant updatedAt) {
        this(id, productId, url, priority, version, createdAt, updatedAt, null, null, null, null);
    }

    /** The view of an image with this file behind its url ({@code file} null for an image given as a URL). */
    public static ImageView of(long id, long productId, String url, int priority, long version, Instant createdAt,
                               Instant updatedAt, ImageFile file) {
        return file == null ? new ImageView(id, productId, url, priority, version, createdAt, updatedAt)
                : new ImageView(id, productId, url, priority, version, createdAt, updatedAt, file.contentType(),
                        file.byteSize(), file.width(), file.height());
    }

    /**
     * The view of the image a command just wrote, from the state the command returned: the row its inline
     * projection wrote in the same transaction holds exactly these values.
     */
    public static ImageView of(ImageState state) {
        return of(state.imageId().value(), state.productId().value(), state.url(), state.priority(),
                state.version(), state.createdAt(), state.updatedAt(), state.file());
    }
}
