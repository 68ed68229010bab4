package dev.catalog.gateway.admin;

/** The schema's {@code EventReplay}: a processor sent back to a position of the event store. */
public record EventReplay(String processor, int fromPosition) {
}
