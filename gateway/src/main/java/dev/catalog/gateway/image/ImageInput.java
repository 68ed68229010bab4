package dev.catalog.gateway.image;

/**
 * The GraphQL {@code ImageInput}; {@code priority} defaults to 100 when omitted. {@code uploadId} (a staged upload,
 * {@code createImage} only) replaces {@code url}.
 */
public record ImageInput(String url, String uploadId, Integer priority, Integer productId) {
}
