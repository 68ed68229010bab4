package dev.catalog.events.restore;

import java.util.List;

/**
 * Check a page of an export and keep it aside, after the pages staged before ({@code restart}: instead of them).
 * Nothing in the store changes. Refused (invalid input, naming the event) when an event is malformed, out of order
 * (a position not above the last staged, a sequence that skips or repeats), of an unknown type, or a duplicate.
 * Returns the number of events staged so far.
 */
public record StageImportedEventsCommand(List<ImportedEvent> events, boolean restart) {
}
