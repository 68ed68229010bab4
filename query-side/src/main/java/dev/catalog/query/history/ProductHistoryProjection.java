package dev.catalog.query.history;

import dev.catalog.events.common.ChangeOrigin;
import dev.catalog.events.common.EventTimes;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.query.infrastructure.ProjectionGroups;
import dev.catalog.query.infrastructure.ViewProjection;
import dev.catalog.query.infrastructure.ViewWrites;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Projects product events into {@code product_change} (processing group {@value ProjectionGroups#PRODUCT_HISTORY}):
 * one row per event, keyed by the product and its version, so a redelivered event changes nothing. The state after
 * a creation or an update is the event's (both carry the full state), as the view's projection writes it; after a
 * deletion, none.
 */
@Component
@ProcessingGroup(ProjectionGroups.PRODUCT_HISTORY)
public class ProductHistoryProjection implements ViewProjection {

    private static final String INSERT = """
            INSERT INTO product_change (product_id, version, kind, at, by, request_id, name, price, status, created_at)
            VALUES (:id, :version, :kind, :at, :by, :requestId, :name, :price, :status,
                    COALESCE((SELECT c.created_at FROM product_change c WHERE c.product_id = :id AND c.version = 1),
                             :at))
            ON CONFLICT (product_id, version) DO NOTHING
            """;

    private final ViewWrites writes;

    public ProductHistoryProjection(ViewWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp,
            @MetaDataValue(ChangeOrigin.BY) String by, @MetaDataValue(ChangeOrigin.REQUEST_ID) String requestId) {
        Map<String, Object> row = row(event.productId().value(), "CREATED", sequenceNumber, timestamp, by, requestId);
        row.put("name", event.name());
        row.put("price", event.price());
        row.put("status", event.status().name());
        writes.upsert(INSERT, row);
    }

    @EventHandler
    void on(ProductUpdatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp,
            @MetaDataValue(ChangeOrigin.BY) String by, @MetaDataValue(ChangeOrigin.REQUEST_ID) String requestId) {
        Map<String, Object> row = row(event.productId().value(), "UPDATED", sequenceNumber, timestamp, by, requestId);
        row.put("name", event.name());
        row.put("price", event.price());
        row.put("status", event.status().name());
        writes.upsert(INSERT, row);
    }

    @EventHandler
    void on(ProductDeletedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp,
            @MetaDataValue(ChangeOrigin.BY) String by, @MetaDataValue(ChangeOrigin.REQUEST_ID) String requestId) {
        Map<String, Object> row = row(event.productId().value(), "DELETED", sequenceNumber, timestamp, by, requestId);
        row.put("name", null);
        row.put("price", null);
        row.put("status", null);
        writes.upsert(INSERT, row);
    }

    static Map<String, Object> row(long id, String kind, long sequenceNumber, Instant timestamp, String by,
                                   String requestId) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("version", sequenceNumber + 1);
        row.put("kind", kind);
        row.put("at", OffsetDateTime.ofInstant(EventTimes.stored(timestamp), ZoneOffset.UTC));
        row.put("by", by != null ? by : ChangeOrigin.UNKNOWN);
        row.put("requestId", requestId);
        return row;
    }
}
