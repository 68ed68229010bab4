package dev.catalog.gateway.product;

import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductState;
import dev.catalog.events.product.UpdateProductCommand;
import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.graphql.execution.Selections;
import dev.catalog.gateway.cost.CatalogListCosts;
import dev.catalog.graphql.limits.QueryLimits;
import dev.catalog.gateway.security.RequiresWrite;
import dev.catalog.gateway.write.Commands;
import dev.catalog.query.history.HistoryQueries;
import dev.catalog.query.product.ProductQueries;
import dev.catalog.query.product.ProductView;
import graphql.schema.DataFetchingEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Product queries and mutations. Queries read only the views; mutations send a command, which updates the
 * views in its own transaction, and answer with the state the command returned (the values of the row it wrote).
 */
@Controller
public class ProductController {

    private final Commands commands;
    private final ProductQueries products;
    private final QueryLimits limits;
    private final HistoryQueries history;

    public ProductController(Commands commands, ProductQueries products, QueryLimits limits, HistoryQueries history) {
        this.commands = commands;
        this.products = products;
        this.limits = limits;
        this.history = history;
    }

    @QueryMapping
    public List<ProductView> searchActiveProductsByName(@Argument String search,
                                                        DataFetchingEnvironment environment) {
        var found = products.searchActiveByName(search, Selections.includes(environment, "images"),
                limits.maxListSize() + 1);
        return CatalogListCosts.requireWithin(found, "searchActiveProductsByName", limits.maxListSize());
    }

    @QueryMapping
    public List<ProductView> getActiveProductsSortedById(DataFetchingEnvironment environment) {
        var found = products.findActiveSortedById(Selections.includes(environment, "images"), limits.maxListSize() + 1);
        return CatalogListCosts.requireWithin(found, "getActiveProductsSortedById", limits.maxListSize());
    }

    /**
     * The product now, from the view; or with {@code asOf} or {@code version}, as it was then, from its history, with
     * its images as they were then.
     */
    @QueryMapping
    public ProductView product(@Argument int id, @Argument Instant asOf, @Argument Integer version,
                               DataFetchingEnvironment environment) {
        if (asOf == null && version == null) {
            return products.findById(id, Selections.includes(environment, "images")).orElse(null);
        }
        if (asOf != null && version != null) {
            throw new BadUserInputException("version", "Give asOf or version, not both.");
        }
        Optional<ProductView> then = history.productAsOf(id, asOf, version == null ? null : version.longValue());
        if (then.isEmpty() || !Selections.includes(environment, "images")) {
            return then.orElse(null);
        }
        Instant at = asOf != null ? asOf : then.get().updatedAt();
        return then.get().withImages(history.imagesAsOf(List.of((long) id), at).get((long) id));
    }

    @QueryMapping
    public ProductConnection products(@Argument Integer first, @Argument String after,
                                      @Argument ProductFilterInput filter, DataFetchingEnvironment environment) {
        int pageSize = first == null ? CatalogListCosts.DEFAULT_PAGE_SIZE : first;
        if (pageSize < 1 || pageSize > CatalogListCosts.MAX_PAGE_SIZE) {
            throw new BadUserInputException("first", "`first` must be between 1 and " + CatalogListCosts.MAX_PAGE_SIZE + ".");
        }
        Long afterId = after == null ? null : ProductCursor.decode(after);
        var rows = products.findPage(filter == null ? ProductFilterInput.NONE : filter.toFilter(), afterId,
                pageSize + 1, Selections.includes(environment, "edges/node/images"));
        return ProductConnection.of(rows, pageSize);
    }

    @MutationMapping
    @RequiresWrite
    public ProductView createProduct(@Argument ProductInput inp) {
        ProductState created = commands.send(new CreateProductCommand(inp.name(), inp.decimalPrice(), inp.status()));
        return ProductView.of(created, List.of()); // images are added to existing products only
    }

    @MutationMapping
    @RequiresWrite
    public ProductView updateProduct(@Argument int productId, @Argument ProductInput input,
                                     @Argument Integer expectedVersion) {
        if (productId <= 0) {
            return null;
        }
        return commands.<ProductState>sendToExisting(new UpdateProductCommand(new ProductId(productId), input.name(),
                        input.decimalPrice(), input.status(), expectedVersion == null ? null : expectedVersion.longValue()))
                .map(updated -> ProductView.of(updated, null)) // images, when asked for, are read from their view
                .orElse(null);
    }

    @MutationMapping
    @RequiresWrite
    public String deleteProduct(@Argument int productId, @Argument Integer expectedVersion) {
        if (productId > 0 && commands.sendToExisting(new DeleteProductCommand(new ProductId(productId),
                expectedVersion == null ? null : expectedVersion.longValue())).isPresent()) {
            return "Product " + productId + " deleted successfully.";
        }
        return "Product " + productId + " not found.";
    }
}
