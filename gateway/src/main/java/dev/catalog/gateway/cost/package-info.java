/**
 * The catalog's lists as the GraphQL server's cost model counts them ({@code CatalogListCosts}), measured in the
 * read views where their size is known before they run, and the page limits its resolvers enforce, declared once.
 */
package dev.catalog.gateway.cost;
