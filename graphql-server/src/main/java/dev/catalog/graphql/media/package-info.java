/**
 * What a request's media type makes it, decided in one place for every filter and endpoint of the server that asks.
 * Depends on nothing else of the server, so every package may use it.
 */
package dev.catalog.graphql.media;
