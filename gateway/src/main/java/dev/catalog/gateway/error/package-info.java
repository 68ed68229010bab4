/**
 * What the catalog's failures answer, in the GraphQL server's error shape ({@code dev.catalog.graphql.error}): a
 * rejected command, a missing or concurrently changed aggregate, a failed subscription; nothing internal (stack
 * traces, SQL) reaches a client.
 */
package dev.catalog.gateway.error;
