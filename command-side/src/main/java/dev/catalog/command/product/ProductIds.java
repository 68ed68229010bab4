package dev.catalog.command.product;

import dev.catalog.events.product.ProductId;

/** Allocates product ids. Ids are unique for ever; gaps are allowed (ADR 0002). */
public interface ProductIds {

    /** A product id never returned before, also if the calling transaction rolls back. */
    ProductId next();
}
