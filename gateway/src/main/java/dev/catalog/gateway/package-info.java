/**
 * The catalog's GraphQL API: the schema's controllers, its list sizes and page limits ({@code cost}), its scopes
 * ({@code security}), federation, subscriptions, the administrative operations and the write step. The transport
 * (HTTP, WebSocket, execution, limits, errors, callers) is the GraphQL server's ({@code dev.catalog.graphql}), which
 * this module tells what it needs ({@code server}). It reads through the query side's services and writes by sending
 * the command side's commands; it holds no state of its own.
 */
package dev.catalog.gateway;
