package dev.catalog.query.product;

import dev.catalog.events.common.EventTimes;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.query.infrastructure.ProjectionGroups;
import dev.catalog.query.infrastructure.ViewProjection;
import dev.catalog.query.infrastructure.ViewWrites;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Projects product events into {@code product_view} (processing group {@value ProjectionGroups#PRODUCT_VIEW}).
 *
 * <p>Idempotent and replay-safe: a row's {@code version} is its aggregate's sequence number + 1,
 * and an upsert changes a row only when it carries a newer version, so a redelivered or older
 * event is a no-op. A deletion removes the row (deleting twice is harmless). A rebuild replays every
 * event through these handlers into a new table ({@link dev.catalog.query.infrastructure.ViewRebuild}).
 */
@Component
@ProcessingGroup(ProjectionGroups.PRODUCT_VIEW)
public class ProductViewProjection implements ViewProjection {

    // Creation and update carry the full state, so both are the same guarded upsert; created_at is
    // only set when the row is inserted.
    private static final String UPSERT = """
            INSERT INTO product_view (id, name, price, status, version, created_at, updated_at)
            VALUES (:id, :name, :price, :status, :version, :timestamp, :timestamp)
            ON CONFLICT (id) DO UPDATE
               SET name = EXCLUDED.name,
                   price = EXCLUDED.price,
                   status = EXCLUDED.status,
                   version = EXCLUDED.version,
                   updated_at = EXCLUDED.updated_at
             WHERE product_view.version < EXCLUDED.version
            """;

    private final ViewWrites writes;

    public ProductViewProjection(ViewWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        upsert(event.productId(), event.name(), event.price(), event.status(), sequenceNumber, timestamp);
    }

    @EventHandler
    void on(ProductUpdatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        upsert(event.productId(), event.name(), event.price(), event.status(), sequenceNumber, timestamp);
    }

    @EventHandler
    void on(ProductDeletedEvent event) {
        writes.delete("DELETE FROM product_view WHERE id = :id", Map.of("id", event.productId().value()));
    }

    private void upsert(ProductId id, String name, BigDecimal price, ProductStatus status,
                        long sequenceNumber, Instant timestamp) {
        writes.upsert(UPSERT, Map.of(
                "id", id.value(),
                "name", name,
                "price", price,
                "status", status.name(),
                "version", sequenceNumber + 1,
                "timestamp", OffsetDateTime.ofInstant(EventTimes.stored(timestamp), ZoneOffset.UTC)));
    }
}
