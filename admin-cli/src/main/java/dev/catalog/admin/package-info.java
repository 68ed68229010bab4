/**
 * {@code bin/catalog-admin}: the operator's command line. It talks to a running service (any instance) through
 * the administrative GraphQL operations (scope {@code catalog:admin}, ADR 8), over the same endpoint, limits and
 * errors as every client: no second API to secure.
 */
package dev.catalog.admin;
