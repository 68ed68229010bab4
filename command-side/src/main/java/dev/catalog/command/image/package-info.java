/**
 * The Image aggregate (an image belongs to one product) and the cascade that deletes a deleted
 * product's images.
 *
 * <p>Domain code: Axon annotations and the message contract, no Spring, no JPA (enforced by an ArchUnit
 * test). Ports: {@link dev.catalog.command.image.LiveProducts} (does the product exist; lock it against a concurrent
 * deletion) and {@link dev.catalog.command.image.ImageUrls} (one url at most once per product; allocates ids).
 */
package dev.catalog.command.image;
