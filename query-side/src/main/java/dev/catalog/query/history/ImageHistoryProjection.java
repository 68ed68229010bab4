package dev.catalog.query.history;

import dev.catalog.events.common.ChangeOrigin;
import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageFile;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.query.infrastructure.ProjectionGroups;
import dev.catalog.query.infrastructure.ViewProjection;
import dev.catalog.query.infrastructure.ViewWrites;
import java.time.Instant;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Projects image events into {@code image_change} (processing group {@value ProjectionGroups#IMAGE_HISTORY}), as
 * {@link ProductHistoryProjection} does products'. An update that keeps the url keeps the uploaded file's metadata,
 * as the view does; a deletion keeps the product the image was on, so that the product's images as of a time are
 * found through it.
 */
@Component
@ProcessingGroup(ProjectionGroups.IMAGE_HISTORY)
public class ImageHistoryProjection implements ViewProjection {

    private static final String INSERT = """
            INSERT INTO image_change (image_id, version, kind, at, by, request_id, product_id, url, priority,
                                      content_type, byte_size, width, height, created_at)
            SELECT :id, :version, :kind, :at, :by, :requestId, :productId, :url, :priority,
                   COALESCE(:contentType, CASE WHEN p.url = :url THEN p.content_type END),
                   COALESCE(:byteSize, CASE WHEN p.url = :url THEN p.byte_size END),
                   COALESCE(:width, CASE WHEN p.url = :url THEN p.width END),
                   COALESCE(:height, CASE WHEN p.url = :url THEN p.height END),
                   COALESCE(p.created_at, :at)
              FROM (SELECT 1) one
              LEFT JOIN image_change p ON p.image_id = :id AND p.version = :version - 1
            ON CONFLICT (image_id, version) DO NOTHING
            """;

    private final ViewWrites writes;

    public ImageHistoryProjection(ViewWrites writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ImageCreatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp,
            @MetaDataValue(ChangeOrigin.BY) String by, @MetaDataValue(ChangeOrigin.REQUEST_ID) String requestId) {
        insert(event.imageId().value(), "CREATED", sequenceNumber, timestamp, by, requestId, event.productId().value(),
                event.url(), event.priority(), event.file());
    }

    @EventHandler
    void on(ImageUpdatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp,
            @MetaDataValue(ChangeOrigin.BY) String by, @MetaDataValue(ChangeOrigin.REQUEST_ID) String requestId) {
        insert(event.imageId().value(), "UPDATED", sequenceNumber, timestamp, by, requestId, event.productId().value(),
                event.url(), event.priority(), null);
    }

    @EventHandler
    void on(ImageDeletedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp,
            @MetaDataValue(ChangeOrigin.BY) String by, @MetaDataValue(ChangeOrigin.REQUEST_ID) String requestId) {
        insert(event.imageId().value(), "DELETED", sequenceNumber, timestamp, by, requestId, event.productId().value(),
                null, null, null);
    }

    private void insert(long id, String kind, long sequenceNumber, Instant timestamp, String by, String requestId,
                        long productId, String url, Integer priority, ImageFile file) {
        Map<String, Object> row = ProductHistoryProjection.row(id, kind, sequenceNumber, timestamp, by, requestId);
        row.put("productId", productId);
        row.put("url", url);
        row.put("priority", priority);
        row.put("contentType", file == null ? null : file.contentType());
        row.put("byteSize", file == null ? null : file.byteSize());
        row.put("width", file == null ? null : file.width());
        row.put("height", file == null ? null : file.height());
        writes.upsert(INSERT, row);
    }
}
