package dev.catalog.events.restore;

/** What an import stored: its events, and the products and images alive at the end of their history. */
public record EventImportSummary(long events, long products, long images) {
}
