package dev.catalog.command.image;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.common.EventTimes;
import dev.catalog.events.image.CreateImageCommand;
import dev.catalog.events.image.DeleteImageCommand;
import dev.catalog.events.image.DeleteImageOfDeletedProductCommand;
import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageFile;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageState;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.image.UpdateImageCommand;
import dev.catalog.events.product.ProductId;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * An image of a product, event sourced. The command handlers validate and then apply an event;
 * state changes only in the {@code @EventSourcingHandler}s.
 *
 * <p>What callers get back: creation and update return the image as the command left it
 * ({@link ImageState}), so that the caller answers without reading the image back; delete returns the
 * image's version after the command ({@code Long}; a new image is at version 1). A set
 * {@code expectedVersion} that differs from the version is refused ({@code CONFLICT}, field
 * {@code "expectedVersion"}); a product that does not exist or is deleted is refused
 * ({@code NOT_FOUND}, field {@code "productId"}); a url the product already has on another image is
 * refused ({@code CONFLICT}, field {@code "url"}). A deleted image cannot be loaded again (Axon's
 * {@code org.axonframework.eventsourcing.AggregateDeletedException}). An update that changes nothing still applies an event.
 */
@Aggregate
public class Image {

    @AggregateIdentifier
    private ImageId imageId;
    private ProductId productId;
    private String url;
    private int priority;
    /** The uploaded file behind {@code url}; null for an image given as a URL, or once an update changed the url. */
    private ImageFile file;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    /** Required by Axon to rebuild the image from its events. */
    protected Image() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public ImageState handle(CreateImageCommand command, LiveProducts products, ImageUrls urls) {
        String url = ImageRules.url(command.url());
        int priority = ImageRules.priority(command.priority());
        ProductId product = requireLiveProduct(ImageRules.productId(command.productId()), products);
        ImageId id = urls.claimNew(product, url);
        apply(new ImageCreatedEvent(id, product, url, priority, command.file()));
        return state();
    }

    @CommandHandler
    public ImageState handle(UpdateImageCommand command, LiveProducts products, ImageUrls urls) {
        requireVersion(command.expectedVersion());
        String url = ImageRules.url(command.url());
        int priority = ImageRules.priority(command.priority());
        // Also when the image stays on its product: an update must not revive an image whose
        // product is deleted and whose deletion by the cascade is pending.
        ProductId product = requireLiveProduct(ImageRules.productId(command.productId()), products);
        urls.claim(imageId, product, url);
        apply(new ImageUpdatedEvent(imageId, product, productId, url, priority));
        return state();
    }

    @CommandHandler
    public Long handle(DeleteImageCommand command, ImageUrls urls) {
        requireVersion(command.expectedVersion());
        urls.release(imageId);
        apply(new ImageDeletedEvent(imageId, productId));
        return version;
    }

    @CommandHandler
    public Long handle(DeleteImageOfDeletedProductCommand command, ImageUrls urls) {
        if (!productId.equals(command.productId())) {
            return version; // Moved to another product before the cascade reached it: it stays.
        }
        urls.release(imageId);
        apply(new ImageDeletedEvent(imageId, productId));
        return version;
    }

    @EventSourcingHandler
    void on(ImageCreatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        imageId = event.imageId();
        file = event.file();
        createdAt = EventTimes.stored(timestamp);
        changed(event.productId(), event.url(), event.priority(), sequenceNumber, timestamp);
    }

    @EventSourcingHandler
    void on(ImageUpdatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        if (!event.url().equals(url)) {
            file = null; // the image now shows what the new url addresses
        }
        changed(event.productId(), event.url(), event.priority(), sequenceNumber, timestamp);
    }

    @EventSourcingHandler
    void on(ImageDeletedEvent event, @SequenceNumber long sequenceNumber) {
        version = sequenceNumber + 1;
        markDeleted();
    }

    private void changed(ProductId productId, String url, int priority, long sequenceNumber, Instant timestamp) {
        this.productId = productId;
        this.url = url;
        this.priority = priority;
        version = sequenceNumber + 1;
        updatedAt = EventTimes.stored(timestamp);
    }

    private ImageState state() {
        return new ImageState(imageId, productId, url, priority, version, createdAt, updatedAt, file);
    }

    private static ProductId requireLiveProduct(ProductId productId, LiveProducts products) {
        if (!products.lockIfLive(productId)) {
            throw CommandRejectedException.notFound("productId", "Product " + productId.value() + " not found.");
        }
        return productId;
    }

    private void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw CommandRejectedException.conflict("expectedVersion", "The image was changed meanwhile: expected version "
                    + expectedVersion + " but image " + imageId.value() + " is at version " + version + ".");
        }
    }
}
