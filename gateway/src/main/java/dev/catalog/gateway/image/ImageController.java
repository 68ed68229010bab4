package dev.catalog.gateway.image;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.CreateImageCommand;
import dev.catalog.events.image.DeleteImageCommand;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.UpdateImageCommand;
import dev.catalog.events.product.ProductId;
import dev.catalog.gateway.consistency.PendingViews;
import dev.catalog.gateway.consistency.ReadYourWrites;
import dev.catalog.gateway.error.Failures;
import dev.catalog.gateway.limits.ListTooLargeException;
import dev.catalog.gateway.limits.QueryLimits;
import dev.catalog.gateway.security.RequiresWrite;
import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.image.ImageView;
import graphql.schema.DataFetchingEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Image queries and mutations. Queries read only the image view; mutations send a command, wait
 * (bounded) until the view shows the write, and answer from the view.
 */
@Controller
public class ImageController {

    private static final int DEFAULT_PRIORITY = 100;

    private final CommandGateway commands;
    private final ImageQueries images;
    private final ReadYourWrites readYourWrites;
    private final QueryLimits limits;

    public ImageController(CommandGateway commands, ImageQueries images, ReadYourWrites readYourWrites,
                           QueryLimits limits) {
        this.commands = commands;
        this.images = images;
        this.readYourWrites = readYourWrites;
        this.limits = limits;
    }

    @QueryMapping
    public ImageView getImage(@Argument int imageId) {
        return images.findById(imageId).orElse(null);
    }

    @QueryMapping
    public ImageView image(@Argument int id) {
        return images.findById(id).orElse(null);
    }

    @QueryMapping
    public List<ImageView> getAllImages() {
        return ListTooLargeException.requireWithin(images.findAll(limits.maxListSize() + 1), "getAllImages",
                limits.maxListSize());
    }

    @MutationMapping
    @RequiresWrite
    public ImageView createImage(@Argument ImageInput inp, DataFetchingEnvironment env) {
        ImageId id = commands.sendAndWait(new CreateImageCommand(inp.url(), inp.priority(), productId(inp)));
        return afterWrite(id.value(), 1, env, Optional.empty(), inp);
    }

    @MutationMapping
    @RequiresWrite
    public ImageView updateImage(@Argument int imageId, @Argument ImageInput updates,
                                 @Argument Integer expectedVersion, DataFetchingEnvironment env) {
        if (imageId <= 0) {
            return null;
        }
        Long version;
        try {
            version = commands.sendAndWait(new UpdateImageCommand(new ImageId(imageId), updates.url(),
                    updates.priority(), productId(updates), expectedVersion == null ? null : expectedVersion.longValue()));
        } catch (RuntimeException e) {
            if (Failures.isMissingAggregate(e)) {
                return null;
            }
            throw e;
        }
        return afterWrite(imageId, version, env, images.findById(imageId), updates);
    }

    @MutationMapping
    @RequiresWrite
    public String deleteImage(@Argument int imageId, @Argument Integer expectedVersion, DataFetchingEnvironment env) {
        if (imageId <= 0) {
            return "Image not found.";
        }
        Long version;
        try {
            version = commands.sendAndWait(new DeleteImageCommand(new ImageId(imageId),
                    expectedVersion == null ? null : expectedVersion.longValue()));
        } catch (RuntimeException e) {
            if (Failures.isMissingAggregate(e)) {
                return "Image not found.";
            }
            throw e;
        }
        if (!readYourWrites.awaitAbsent(() -> images.versionOf(imageId))) {
            PendingViews.record(env.getGraphQlContext(), env.getExecutionStepInfo().getPath(), "Image", imageId,
                    version == null ? 0 : version);
        }
        return "Image deleted successfully.";
    }

    /** A product id that cannot exist is refused here, the same way the command side refuses a missing one. */
    private static ProductId productId(ImageInput input) {
        if (input.productId() == null || input.productId() <= 0) {
            throw CommandRejectedException.notFound("productId", "Product " + input.productId() + " does not exist.");
        }
        return new ProductId(input.productId());
    }

    private ImageView afterWrite(long id, long version, DataFetchingEnvironment env, Optional<ImageView> before,
                                 ImageInput written) {
        if (readYourWrites.awaitVersion(() -> images.versionOf(id), version)) {
            Optional<ImageView> view = images.findById(id);
            if (view.isPresent()) {
                return view.get();
            }
        }
        PendingViews.record(env.getGraphQlContext(), env.getExecutionStepInfo().getPath(), "Image", id, version);
        Instant now = Instant.now();
        return new ImageView(id, written.productId(), written.url().strip(),
                written.priority() == null ? DEFAULT_PRIORITY : written.priority(), version,
                before.map(ImageView::createdAt).orElse(now), now);
    }
}
