package dev.catalog.command.image;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.DeleteImageCommand;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.product.ProductDeletedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Deletes the images of a deleted product, one {@link DeleteImageCommand} each.
 *
 * <p>Runs in its own processing group, {@value #PROCESSING_GROUP}, a pooled streaming processor whose
 * errors propagate (the event is retried, never skipped). The commands are dispatched inside the
 * processor's unit of work and Spring transaction, so the image deletions and the processor's token
 * commit together: a crash repeats the whole batch or nothing of it.
 *
 * <p>Replay- and duplicate-safe: the images come from the registry ({@link ImageUrls}), which holds
 * only images that are not deleted, so handling the same event again finds nothing left to delete.
 * An image deleted concurrently (found already deleted or missing) is skipped.
 */
@ProcessingGroup(ProductImageCascade.PROCESSING_GROUP)
public class ProductImageCascade {

    public static final String PROCESSING_GROUP = "product-image-cascade";

    private final CommandGateway commandGateway;
    private final ImageUrls images;

    public ProductImageCascade(CommandGateway commandGateway, ImageUrls images) {
        this.commandGateway = commandGateway;
        this.images = images;
    }

    @EventHandler
    void on(ProductDeletedEvent event) {
        // The lock keeps these images from being moved or deleted by another transaction until
        // this batch commits; creating new images of the product is already impossible, because
        // its registry row is gone (see LiveProducts).
        for (ImageId imageId : images.lockImagesOf(event.productId())) {
            try {
                commandGateway.sendAndWait(new DeleteImageCommand(imageId, null));
            } catch (AggregateNotFoundException alreadyGone) {
                // Includes AggregateDeletedException. Cannot normally happen under the lock; if it
                // does, the failed nested command has marked the transaction rollback-only, the
                // batch is retried, and the retry no longer finds the image in the registry.
            } catch (CommandRejectedException rejected) {
                if (rejected.reason() != CommandRejectedException.Reason.NOT_FOUND) {
                    throw rejected;
                }
            }
        }
    }
}
