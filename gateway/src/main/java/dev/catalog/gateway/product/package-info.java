/** The GraphQL face of products: queries over the product view, mutations as commands. */
package dev.catalog.gateway.product;
