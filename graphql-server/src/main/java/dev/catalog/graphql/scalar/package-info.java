/** Custom GraphQL scalars. */
package dev.catalog.graphql.scalar;
