/** Running GraphQL operations: one executor, whatever the transport, with the service's limits and error codes. */
package dev.catalog.graphql.execution;
