/** What the catalog tells the GraphQL server of itself: its endpoints, its administrative fields, its slow subscribers. */
package dev.catalog.gateway.server;
