package dev.catalog.gateway.image;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.CreateImageCommand;
import dev.catalog.events.image.DeleteImageCommand;
import dev.catalog.events.image.ImageFile;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageState;
import dev.catalog.events.image.UpdateImageCommand;
import dev.catalog.events.product.ProductId;
import dev.catalog.gateway.cost.CatalogListCosts;
import dev.catalog.gateway.files.ImageUploads;
import dev.catalog.gateway.files.StagedUploads;
import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.graphql.limits.QueryLimits;
import dev.catalog.graphql.upload.FileUpload;
import dev.catalog.gateway.security.RequiresWrite;
import dev.catalog.gateway.write.Commands;
import dev.catalog.query.history.HistoryQueries;
import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductQueries;
import java.time.Instant;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Image queries and mutations. Queries read only the image view; mutations send a command, which updates the
 * view in its own transaction, and answer with the state the command returned (the values of the row it wrote).
 */
@Controller
public class ImageController {

    private final Commands commands;
    private final ImageQueries images;
    private final ProductQueries products;
    private final ImageUploads uploads;
    private final StagedUploads stagedUploads;
    private final QueryLimits limits;
    private final HistoryQueries history;

    public ImageController(Commands commands, ImageQueries images, ProductQueries products, ImageUploads uploads,
                           StagedUploads stagedUploads, QueryLimits limits, HistoryQueries history) {
        this.history = history;
        this.commands = commands;
        this.images = images;
        this.products = products;
        this.uploads = uploads;
        this.stagedUploads = stagedUploads;
        this.limits = limits;
    }

    @QueryMapping
    public ImageView getImage(@Argument int imageId) {
        return images.findById(imageId).orElse(null);
    }

    /** The image now, from the view; with {@code asOf} or {@code version}, as it was then, from its history. */
    @QueryMapping
    public ImageView image(@Argument int id, @Argument Instant asOf, @Argument Integer version) {
        if (asOf == null && version == null) {
            return images.findById(id).orElse(null);
        }
        if (asOf != null && version != null) {
            throw new BadUserInputException("version", "Give asOf or version, not both.");
        }
        return history.imageAsOf(id, asOf, version == null ? null : version.longValue()).orElse(null);
    }

    @QueryMapping
    public List<ImageView> getAllImages() {
        return CatalogListCosts.requireWithin(images.findAll(limits.maxListSize() + 1), "getAllImages",
                limits.maxListSize());
    }

    @MutationMapping
    @RequiresWrite
    public ImageView createImage(@Argument ImageInput inp) {
        if (inp.uploadId() == null) {
            return ImageView.of(commands.send(new CreateImageCommand(inp.url(), inp.priority(), productId(inp))));
        }
        if (inp.url() != null) {
            throw new BadUserInputException("url", "Give either url or uploadId, not both.");
        }
        ProductId product = productId(inp);
        StagedUploads.Attachment attachment = stagedUploads.attach(inp.uploadId(), product.value());
        ImageState created;
        try {
            created = commands.send(new CreateImageCommand(uploads.urlOf(attachment.file()), inp.priority(), product,
                    attachment.file()));
        } catch (RuntimeException e) {
            attachment.giveBack();
            throw e;
        }
        attachment.done();
        return ImageView.of(created);
    }

    @MutationMapping
    @RequiresWrite
    public StagedUploads.Ticket createImageUpload(@Argument int productId, @Argument String contentType,
                                                  @Argument int byteSize) {
        requireProduct(productId);
        return stagedUploads.create(productId, contentType, byteSize);
    }

    /**
     * The product is looked up before the file is stored, so an upload to a missing product stores nothing. A product
     * deleted between the two leaves a stored file no image refers to: an orphan, never an image without its file.
     */
    @MutationMapping
    @RequiresWrite
    public ImageView uploadImage(@Argument int productId, @Argument FileUpload file, @Argument Integer priority) {
        requireProduct(productId);
        ImageFile stored = uploads.store(file);
        ImageState created = commands.send(new CreateImageCommand(uploads.urlOf(stored), priority,
                new ProductId(productId), stored));
        return ImageView.of(created);
    }

    @MutationMapping
    @RequiresWrite
    public ImageView updateImage(@Argument int imageId, @Argument ImageInput updates, @Argument Integer expectedVersion) {
        if (updates.uploadId() != null) {
            throw new BadUserInputException("uploadId", "An upload is attached by createImage; updateImage takes a url.");
        }
        if (imageId <= 0) {
            return null;
        }
        return commands.<ImageState>sendToExisting(new UpdateImageCommand(new ImageId(imageId), updates.url(),
                        updates.priority(), productId(updates), expectedVersion == null ? null : expectedVersion.longValue()))
                .map(ImageView::of)
                .orElse(null);
    }

    @MutationMapping
    @RequiresWrite
    public String deleteImage(@Argument int imageId, @Argument Integer expectedVersion) {
        if (imageId > 0 && commands.sendToExisting(new DeleteImageCommand(new ImageId(imageId),
                expectedVersion == null ? null : expectedVersion.longValue())).isPresent()) {
            return "Image deleted successfully.";
        }
        return "Image not found.";
    }

    private void requireProduct(int productId) {
        if (productId <= 0 || products.findById(productId, false).isEmpty()) {
            throw CommandRejectedException.notFound("productId", "Product " + productId + " does not exist.");
        }
    }

    /** A product id that cannot exist is refused here, the same way the command side refuses a missing one. */
    private static ProductId productId(ImageInput input) {
        if (input.productId() == null || input.productId() <= 0) {
            throw CommandRejectedException.notFound("productId", "Product " + input.productId() + " does not exist.");
        }
        return new ProductId(input.productId());
    }
}
