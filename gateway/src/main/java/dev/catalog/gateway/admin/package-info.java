/**
 * The GraphQL face of operating the service: administrative queries and mutations, each behind
 * {@link dev.catalog.gateway.security.RequiresAdmin} (scope {@code catalog:admin}). They report and act on
 * this instance's projections (processors and dead letters) through the query side's infrastructure, and
 * send no commands.
 */
package dev.catalog.gateway.admin;
