/** Custom GraphQL scalars. */
package dev.catalog.gateway.scalar;
