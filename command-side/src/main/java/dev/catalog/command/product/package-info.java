/**
 * The Product aggregate: creation, update and deletion of products, and the rules a product obeys.
 *
 * <p>Domain code: it may use Axon's modelling annotations and the message contract, but no Spring and
 * no JPA (an ArchUnit test enforces it). What it needs from outside (the registry of taken names,
 * which also allocates ids) it gets through the port {@link dev.catalog.command.product.ProductNames}, injected
 * into the command handlers.
 */
package dev.catalog.command.product;
