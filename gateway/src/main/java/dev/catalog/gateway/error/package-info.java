/**
 * Spec-shaped GraphQL errors ({@code message}, {@code locations}, {@code path}, {@code extensions.code})
 * with Apollo's conventional codes; nothing internal (stack traces, SQL) reaches a client.
 */
package dev.catalog.gateway.error;
