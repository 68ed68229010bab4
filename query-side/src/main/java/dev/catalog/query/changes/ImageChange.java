package dev.catalog.query.changes;

import dev.catalog.query.image.ImageView;

/**
 * A committed change of one image.
 *
 * @param productId         the product the image belongs to after the change
 * @param previousProductId the product it belonged to before, when the change moved it; else {@code productId}
 * @param version           the image's version after the change (1 for its creation)
 * @param image             its state right after the change; {@code null} when deleted
 * @param resumeToken       where a subscriber that received this change resumes ({@link ResumeToken})
 */
public record ImageChange(ChangeKind kind, long id, long productId, long previousProductId, long version,
                          ImageView image, String resumeToken) {

    boolean concerns(long product) {
        return productId == product || previousProductId == product;
    }
}
