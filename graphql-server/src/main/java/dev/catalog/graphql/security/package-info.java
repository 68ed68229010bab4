/**
 * Who may call the endpoint and how often: a per-client rate limit, CORS, refusal of requests a browser can
 * send cross-site without a preflight, and JWT bearer authentication with scope-based authorization of
 * GraphQL operations. Everything is configured by {@link dev.catalog.graphql.security.CatalogSecurityProperties}.
 */
package dev.catalog.graphql.security;
