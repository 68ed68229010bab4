/**
 * GraphQL over WebSocket at {@code /graphql}, with the {@code graphql-transport-ws} protocol of the
 * {@code graphql-ws} library: subscriptions, and queries and mutations too. The upgrade request passes the same
 * filters and CORS check as every request; the caller is decided at {@code connection_init}.
 */
package dev.catalog.graphql.websocket;
