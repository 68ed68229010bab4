package dev.catalog.command.image;

import dev.catalog.events.image.DeleteImageOfDeletedProductCommand;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.product.ProductDeletedEvent;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Deletes the images of a deleted product, one {@link DeleteImageOfDeletedProductCommand} each.
 *
 * <p>Runs in its own processing group, {@value #PROCESSING_GROUP}, a pooled streaming processor whose errors
 * propagate (the event is retried, never skipped).
 *
 * <p>Each image is deleted by a command of its own, in a transaction of its own, outside the processor's
 * batch: like every image command it takes the image's aggregate lock, then the image's registry row, and
 * holds them only for that one image. Deleting all images inside the batch's transaction held the locks of the
 * images already deleted until the whole batch committed, and listing them {@code FOR UPDATE} first took the
 * row locks before the aggregate locks, the opposite order of an image command: a {@code deleteImage} sent
 * meanwhile waited for the cascade, which waited for it.
 *
 * <p>The batch waits for each command's result, so that a failure fails the event, which is retried. While it waits,
 * its transaction holds no lock a command needs: the registry was read without locking, the processor writes its token
 * at the batch's end, and a dead letter of an earlier event of the batch is a row no command touches. The commands go
 * to this instance's own command bus, also when Axon Server routes the others (ADR 28), so the wait never spans two
 * processes.
 *
 * <p>Replay-, crash- and duplicate-safe: the images come from the registry ({@link ImageUrls}), which holds only
 * images that are not deleted, so handling the event again (after a crash between two images, or a replay)
 * deletes what is left and nothing else. An image deleted meanwhile by a client is skipped; one moved to another
 * product stays (the command checks the product). No image can be added to the product any more: its registry
 * row is gone (see {@link LiveProducts}).
 */
@ProcessingGroup(ProductImageCascade.PROCESSING_GROUP)
public class ProductImageCascade {

    public static final String PROCESSING_GROUP = "product-image-cascade";

    private final CommandGateway commandGateway;
    private final ImageUrls images;
    /** A thread of its own per command, so it runs in a unit of work and transaction of its own. */
    private final ExecutorService outsideTheBatch = Executors.newVirtualThreadPerTaskExecutor();

    public ProductImageCascade(CommandGateway commandGateway, ImageUrls images) {
        this.commandGateway = commandGateway;
        this.images = images;
    }

    @EventHandler
    void on(ProductDeletedEvent event) throws InterruptedException {
        // The deletion's origin (who, which request), which the commands would take from this unit of work if they
        // were sent on its thread: the image deletions record the caller of the product's deletion.
        MetaData origin = CurrentUnitOfWork.correlationData();
        for (ImageId imageId : images.imagesOf(event.productId())) {
            try {
                outsideTheBatch.submit(() -> commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new DeleteImageOfDeletedProductCommand(imageId, event.productId())).andMetaData(origin))).get();
            } catch (ExecutionException e) {
                // Includes AggregateDeletedException: a client deleted the image since the registry was read.
                if (!(e.getCause() instanceof AggregateNotFoundException)) {
                    throw e.getCause() instanceof RuntimeException failure ? failure
                            : new IllegalStateException("Deleting " + imageId + " failed", e.getCause());
                }
            }
        }
    }
}
