package dev.catalog.events.product;

/** Whether a product is offered ({@code ACTIVE}) or withdrawn ({@code INACTIVE}). */
public enum ProductStatus {
    ACTIVE,
    INACTIVE
}
