/**
 * Limits on what one request may ask of the service, all checked before any resolver runs: body size
 * (HTTP), document size and tokens (parser), depth, complexity, aliases and directives (before validation),
 * plus an execution timeout and the introspection switch. Every refusal is a GraphQL error whose
 * {@code extensions.code} names the limit (see {@link dev.catalog.graphql.error.LimitCode}).
 */
package dev.catalog.graphql.limits;
