/** The GraphQL face of the history read model: an entity's changes, a page at a time. */
package dev.catalog.gateway.history;
