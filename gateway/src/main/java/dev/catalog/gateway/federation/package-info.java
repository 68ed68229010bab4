/**
 * The catalog as two Apollo Federation 2 subgraphs, products and images, served beside the combined
 * {@code /graphql} by the same controllers (ADR 16): each subgraph's schema is the combined schema's part it owns
 * plus its federation directives, and its {@code _entities} are resolved one SQL statement per entity type.
 */
package dev.catalog.gateway.federation;
