package dev.catalog.events.restore;

/**
 * Store every staged event, as staged, in one transaction, and rebuild the command side's registries from them.
 * Refused (conflict) when the store is not empty, unless {@code force}: then the store, its registries, the
 * processors' positions and the dead letters are emptied first. The read views are rebuilt afterwards, by the
 * caller. Returns an {@link EventImportSummary}.
 */
public record ImportStagedEventsCommand(boolean force) {
}
