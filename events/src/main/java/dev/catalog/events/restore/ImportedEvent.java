package dev.catalog.events.restore;

/**
 * One event of an export, to be stored again as it was.
 *
 * @param position      its global position in the store it came from (1 first); positions only increase
 * @param aggregate     its aggregate's identifier, e.g. {@code product-7}; {@code aggregateType} e.g. {@code Product}
 * @param sequence      its number in the aggregate's history: 0 first, no gap
 * @param type          the payload's class and {@code revision}, as stored
 * @param timestamp     when it was first stored, ISO-8601
 * @param payload       the stored JSON
 * @param identifier    its event identifier (the CloudEvent id on Kafka); null: a new one is given
 * @param metadata      its stored metadata, JSON; null: none
 */
public record ImportedEvent(long position, String aggregate, String aggregateType, long sequence, String type,
                            String revision, String timestamp, String payload, String identifier, String metadata) {
}
