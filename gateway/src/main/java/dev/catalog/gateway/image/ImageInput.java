package dev.catalog.gateway.image;

/** The GraphQL {@code ImageInput}; {@code priority} defaults to 100 when omitted. */
public record ImageInput(String url, Integer priority, Integer productId) {
}
