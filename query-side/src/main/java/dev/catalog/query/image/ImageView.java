package dev.catalog.query.image;

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
}
