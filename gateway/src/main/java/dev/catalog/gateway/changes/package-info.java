/**
 * The {@code Subscription} fields: the committed changes of products and images, from this instance's
 * {@link dev.catalog.query.changes.ChangeFeed}. The transport that carries them is in
 * {@code dev.catalog.graphql.websocket}.
 */
package dev.catalog.gateway.changes;
