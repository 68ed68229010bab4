/**
 * GraphQL over WebSocket on the endpoints that take it ({@code GraphQlEndpoints}), with the
 * {@code graphql-transport-ws} protocol of the {@code graphql-ws} library: subscriptions, and queries and mutations
 * too. The upgrade request passes the same filters and CORS check as every request; the caller is decided at
 * {@code connection_init} and holds until its token expires; every operation passes the guards of an HTTP request
 * ({@code GraphQlExecutor}) and counts in its client's rate limit.
 */
package dev.catalog.graphql.websocket;
