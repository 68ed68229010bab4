package dev.catalog.query.changes;

import dev.catalog.query.product.ProductView;

/**
 * A committed change of one product.
 *
 * @param version     the product's version after the change (1 for its creation)
 * @param product     its state right after the change, images unread; {@code null} when deleted
 * @param resumeToken where a subscriber that received this change resumes ({@link ResumeToken})
 */
public record ProductChange(ChangeKind kind, long id, long version, ProductView product, String resumeToken) {
}
