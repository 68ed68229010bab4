/**
 * The catalog's message contract: commands, events and their value types, as immutable records.
 *
 * <p>Commands are imperative ({@code CreateProductCommand}), events are past tense
 * ({@code ProductCreatedEvent}). Events are the only source of truth and are stored for ever, so an
 * event record never changes shape without a new {@code @Revision} and an upcaster; their JSON form is
 * pinned by snapshot tests. This module depends on nothing of ours.
 */
package dev.catalog.events;
