package dev.catalog.query.image;

import dev.catalog.events.common.EventTimes;
import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageFile;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.product.ProductId;
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
import org.springframework.stereotype.Component;

/**
 * Projects image events into {@code image_view} (processing group {@value ProjectionGroups#IMAGE_VIEW}).
 *
 * <p>Idempotent and replay-safe like the product projection: upserts guarded by the image
 * aggregate's version, idempotent deletes, rebuilt by replaying every event. An image whose product was
 * deleted stays here until its own {@code ImageDeletedEvent} (the command side cascades); the
 * queries hide it meanwhile by joining {@code product_view}.
 */
@Component
@ProcessingGroup(ProjectionGroups.IMAGE_VIEW)
public class ImageViewProjection implements ViewProjection {

    private static final String UPSERT = """
            INSERT INTO image_view (id, product_id, url, priority, version, created_at, updated_at,
                                    content_type, byte_size, width, height, file_key)
            VALUES (:id, :productId, :url, :priority, :version, :timestamp, :timestamp,
                    :contentType, :byteSize, :width, :height, :fileKey)
            ON CONFLICT (id) DO UPDATE
               SET product_id = EXCLUDED.product_id,
                   url = EXCLUDED.url,
                   priority = EXCLUDED.priority,
                   version = EXCLUDED.version,
                   updated_at = EXCLUDED.updated_at,
                   content_type = CASE WHEN image_view.url = EXCLUDED.url THEN image_view.content_type END,
                   byte_size = CASE WHEN image_view.url = EXCLUDED.url THEN image_view.byte_size END,
                   width = CASE WHEN image_view.url = EXCLUDED.url THEN image_view.width END,
                   height = CASE WHEN image_view.url = EXCLUDED.url THEN image_view.height END,
                   file_key = CASE WHEN image_view.url = EXCLUDED.url THEN image_view.file_key END
             WHERE image_view.version < EXCLUDED.version
            """;

    private final ViewWrites writes;

    public ImageViewProjection(ViewWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ImageCreatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        upsert(event.imageId(), event.productId(), event.url(), event.priority(), event.file(), sequenceNumber,
                timestamp);
    }

    @EventHandler
    void on(ImageUpdatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        // Full new state: a move to another product is just a new product_id. The uploaded file's metadata stays
        // while the url does (the UPSERT's CASEs), as the aggregate keeps the file.
        upsert(event.imageId(), event.productId(), event.url(), event.priority(), null, sequenceNumber, timestamp);
    }

    @EventHandler
    void on(ImageDeletedEvent event) {
        writes.delete("DELETE FROM image_view WHERE id = :id", Map.of("id", event.imageId().value()));
    }

    private void upsert(ImageId id, ProductId productId, String url, int priority, ImageFile file,
                        long sequenceNumber, Instant timestamp) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id.value());
        params.put("productId", productId.value());
        params.put("url", url);
        params.put("priority", priority);
        params.put("version", sequenceNumber + 1);
        params.put("timestamp", OffsetDateTime.ofInstant(EventTimes.stored(timestamp), ZoneOffset.UTC));
        params.put("contentType", file == null ? null : file.contentType());
        params.put("byteSize", file == null ? null : file.byteSize());
        params.put("width", file == null ? null : file.width());
        params.put("height", file == null ? null : file.height());
        params.put("fileKey", file == null ? null : file.key());
        writes.upsert(UPSERT, params);
    }
}
