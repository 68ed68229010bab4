/**
 * The GraphQL server: HTTP ({@code http}) with file uploads ({@code upload}), graphql-transport-ws
 * ({@code websocket}), execution with one guard pipeline for every transport ({@code execution}), limits, errors,
 * security, scalars and GraphiQL. It serves any
 * schema and names nothing of the API it serves: the API gives it its endpoints
 * ({@link dev.catalog.graphql.http.GraphQlEndpoints}), its list sizes ({@link dev.catalog.graphql.limits.ListCosts}),
 * its scopes ({@link dev.catalog.graphql.security.ApiScopes}), its administrative fields
 * ({@link dev.catalog.graphql.execution.AdministrativeFields}) and what ends a slow subscriber
 * ({@link dev.catalog.graphql.websocket.SlowSubscribers}), as beans. Why the server is the project's own rather than
 * Spring for GraphQL's transports: docs/adr/0025-own-graphql-transport.md.
 */
package dev.catalog.graphql;
