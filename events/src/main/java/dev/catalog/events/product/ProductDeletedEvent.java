package dev.catalog.events.product;

import org.axonframework.serialization.Revision;

/** A product was deleted. Its name is free again; its images are deleted by their own events. */
@Revision("1")
public record ProductDeletedEvent(ProductId productId) {
}
