/** The HTTP transport around the GraphQL endpoint, beyond what Spring for GraphQL serves itself. */
package dev.catalog.graphql.http;
