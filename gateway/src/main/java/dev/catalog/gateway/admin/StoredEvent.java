package dev.catalog.gateway.admin;

import dev.catalog.platform.eventstore.EventStoreTable;

/** The schema's {@code StoredEvent}: one event of the store, as stored. */
public record StoredEvent(int position, String aggregate, String aggregateType, int sequence, String type,
                          String revision, String timestamp, String payload, String id, String metadata) {

    static StoredEvent of(EventStoreTable.StoredEvent event) {
        return new StoredEvent((int) Math.min(event.position(), Integer.MAX_VALUE), event.aggregate(),
                event.aggregateType(), (int) Math.min(event.sequence(), Integer.MAX_VALUE), event.type(),
                event.revision(), event.timestamp(), event.payload(), event.identifier(), event.metadata());
    }
}
