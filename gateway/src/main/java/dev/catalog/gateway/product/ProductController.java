package dev.catalog.gateway.product;

import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.UpdateProductCommand;
import dev.catalog.gateway.consistency.PendingViews;
import dev.catalog.gateway.consistency.ReadYourWrites;
import dev.catalog.gateway.error.BadUserInputException;
import dev.catalog.gateway.error.Failures;
import dev.catalog.gateway.limits.ListTooLargeException;
import dev.catalog.gateway.limits.QueryLimits;
import dev.catalog.gateway.security.RequiresWrite;
import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductQueries;
import dev.catalog.query.product.ProductView;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingFieldSelectionSet;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Product queries and mutations. Queries read only the views; mutations send a command, wait (bounded)
 * until the product view shows the write, and answer from the view.
 */
@Controller
public class ProductController {

    static final int MAX_PAGE_SIZE = 100;

    private final CommandGateway commands;
    private final ProductQueries products;
    private final ImageQueries images;
    private final ReadYourWrites readYourWrites;
    private final QueryLimits limits;

    public ProductController(CommandGateway commands, ProductQueries products, ImageQueries images,
                             ReadYourWrites readYourWrites, QueryLimits limits) {
        this.commands = commands;
        this.products = products;
        this.images = images;
        this.readYourWrites = readYourWrites;
        this.limits = limits;
    }

    @QueryMapping
    public List<ProductView> searchActiveProductsByName(@Argument String search,
                                                        DataFetchingFieldSelectionSet selection) {
        return ListTooLargeException.requireWithin(products.searchActiveByName(search, selection.contains("images"),
                limits.maxListSize() + 1), "searchActiveProductsByName", limits.maxListSize());
    }

    @QueryMapping
    public List<ProductView> getActiveProductsSortedById(DataFetchingFieldSelectionSet selection) {
        return ListTooLargeException.requireWithin(products.findActiveSortedById(selection.contains("images"),
                limits.maxListSize() + 1), "getActiveProductsSortedById", limits.maxListSize());
    }

    @QueryMapping
    public ProductView product(@Argument int id, DataFetchingFieldSelectionSet selection) {
        return products.findById(id, selection.contains("images")).orElse(null);
    }

    @QueryMapping
    public ProductConnection products(@Argument Integer first, @Argument String after,
                                      @Argument ProductFilterInput filter, DataFetchingFieldSelectionSet selection) {
        int pageSize = first == null ? 20 : first;
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new BadUserInputException("first", "`first` must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        Long afterId = after == null ? null : ProductCursor.decode(after);
        var rows = products.findPage(filter == null ? ProductFilterInput.NONE : filter.toFilter(), afterId,
                pageSize + 1, selection.contains("edges/node/images"));
        return ProductConnection.of(rows, pageSize);
    }

    /** A product's images: already loaded with the product when the query asked for them, else batched. */
    @BatchMapping(typeName = "Product", field = "images")
    public Map<ProductView, List<ImageView>> images(List<ProductView> parents) {
        List<Long> missing = parents.stream().filter(p -> p.images() == null).map(ProductView::id).toList();
        Map<Long, List<ImageView>> loaded = missing.isEmpty() ? Map.of() : images.findByProductIds(missing);
        Map<ProductView, List<ImageView>> result = new LinkedHashMap<>();
        for (ProductView parent : parents) {
            result.put(parent, parent.images() != null ? parent.images() : loaded.getOrDefault(parent.id(), List.of()));
        }
        return result;
    }

    @MutationMapping
    @RequiresWrite
    public ProductView createProduct(@Argument ProductInput inp, DataFetchingEnvironment env) {
        ProductId id = commands.sendAndWait(new CreateProductCommand(inp.name(), inp.decimalPrice(), inp.status()));
        return afterWrite(id.value(), 1, env, Optional.empty(), inp);
    }

    @MutationMapping
    @RequiresWrite
    public ProductView updateProduct(@Argument int productId, @Argument ProductInput input,
                                     @Argument Integer expectedVersion, DataFetchingEnvironment env) {
        if (productId <= 0) {
            return null;
        }
        Long version;
        try {
            version = commands.sendAndWait(new UpdateProductCommand(new ProductId(productId), input.name(),
                    input.decimalPrice(), input.status(), expectedVersion == null ? null : expectedVersion.longValue()));
        } catch (RuntimeException e) {
            if (Failures.isMissingAggregate(e)) {
                return null;
            }
            throw e;
        }
        return afterWrite(productId, version, env, products.findById(productId, true), input);
    }

    @MutationMapping
    @RequiresWrite
    public String deleteProduct(@Argument int productId, @Argument Integer expectedVersion,
                                DataFetchingEnvironment env) {
        String notFound = "Product " + productId + " not found.";
        if (productId <= 0) {
            return notFound;
        }
        Long version;
        try {
            version = commands.sendAndWait(new DeleteProductCommand(new ProductId(productId),
                    expectedVersion == null ? null : expectedVersion.longValue()));
        } catch (RuntimeException e) {
            if (Failures.isMissingAggregate(e)) {
                return notFound;
            }
            throw e;
        }
        if (!readYourWrites.awaitAbsent(() -> products.versionOf(productId))) {
            PendingViews.record(env.getGraphQlContext(), env.getExecutionStepInfo().getPath(), "Product",
                    productId, version == null ? 0 : version);
        }
        return "Product " + productId + " deleted successfully.";
    }

    /**
     * The product as the view shows it once it includes {@code version}; when the view is stalled past
     * the bound, the state the command wrote (flagged as pending in the response's extensions).
     */
    private ProductView afterWrite(long id, long version, DataFetchingEnvironment env,
                                   Optional<ProductView> before, ProductInput written) {
        boolean withImages = env.getSelectionSet().contains("images");
        if (readYourWrites.awaitVersion(() -> products.versionOf(id), version)) {
            Optional<ProductView> view = products.findById(id, withImages);
            if (view.isPresent()) {
                return view.get();
            }
        }
        PendingViews.record(env.getGraphQlContext(), env.getExecutionStepInfo().getPath(), "Product", id, version);
        Instant now = Instant.now();
        return new ProductView(id, written.name().strip(),
                written.decimalPrice().setScale(2, RoundingMode.UNNECESSARY),
                written.status() == null ? ProductStatus.ACTIVE : written.status(), version,
                before.map(ProductView::createdAt).orElse(now), now,
                before.map(ProductView::images).orElse(List.of()));
    }
}
