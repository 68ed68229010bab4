/**
 * The gateway: the GraphQL schema's controllers, error mapping, limits, security and GraphiQL. It reads through
 * the query side's services and writes by sending the command side's commands; it holds no state of its own.
 */
package dev.catalog.gateway;
