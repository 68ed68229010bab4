package dev.catalog.events.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete a product; its images are deleted in turn by a handler of {@link ProductDeletedEvent}.
 * {@code expectedVersion}, when given, must equal the current version.
 */
public record DeleteProductCommand(@TargetAggregateIdentifier ProductId productId, Long expectedVersion) {
}
