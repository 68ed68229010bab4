/** GraphiQL, served by the service itself from pinned assets of the build, under a strict CSP (ADR 14). */
package dev.catalog.graphql.graphiql;
