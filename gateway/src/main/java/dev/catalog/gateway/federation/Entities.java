package dev.catalog.gateway.federation;

import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.gateway.error.CatalogExceptionResolver;
import dev.catalog.graphql.execution.Selections;
import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductQueries;
import dev.catalog.query.product.ProductView;
import graphql.GraphQLError;
import graphql.schema.DataFetchingEnvironment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.stereotype.Controller;

/**
 * Resolves the {@code _entities} a federation gateway asks for: all representations of one type in one SQL
 * statement, answered in the order asked, {@code null} for an id the views do not hold (deleted, or never
 * created). Each subgraph resolves the entity types it declares: {@code Product} in both (with its images in the
 * images subgraph), {@code Image} in the images subgraph.
 */
@Controller
class Entities {

    private final ProductQueries products;
    private final ImageQueries images;
    private final CatalogExceptionResolver errors;

    Entities(ProductQueries products, ImageQueries images, CatalogExceptionResolver errors) {
        this.products = products;
        this.images = images;
        this.errors = errors;
    }

    @EntityMapping("Product")
    List<ProductView> products(List<Map<String, Object>> representations, DataFetchingEnvironment environment) {
        List<Long> ids = ids("Product", representations, environment);
        return inOrder(ids, products.findByIds(ids, Selections.includes(environment, "images")), ProductView::id);
    }

    @EntityMapping("Image")
    List<ImageView> images(List<Map<String, Object>> representations, DataFetchingEnvironment environment) {
        List<Long> ids = ids("Image", representations, environment);
        return inOrder(ids, images.findByIds(ids), ImageView::id);
    }

    /**
     * What fails here is answered like any field's failure (codes, no internal detail): Spring's default for
     * entity methods would send the exception's message.
     */
    @GraphQlExceptionHandler
    GraphQLError failure(Throwable failure, DataFetchingEnvironment environment) {
        return errors.resolve(failure, environment);
    }

    /** The ids of the representations; refused when one has none, or when this subgraph has no such entity. */
    private static List<Long> ids(String type, List<Map<String, Object>> representations,
                                  DataFetchingEnvironment environment) {
        if (environment.getGraphQLSchema().getObjectType(type) == null) {
            throw new BadUserInputException("representations", "This subgraph does not resolve " + type + " entities.");
        }
        List<Long> ids = new ArrayList<>(representations.size());
        for (Map<String, Object> representation : representations) {
            Object id = representation.get("id");
            if (!(id instanceof Number number) || !isLong(number)) {
                throw new BadUserInputException("representations",
                        "A " + type + " representation needs an integer `id`; got " + representation + ".");
            }
            ids.add(number.longValue());
        }
        return ids;
    }

    private static boolean isLong(Number number) {
        return switch (number) {
            case Integer ignored -> true;
            case Long ignored -> true;
            case Short ignored -> true;
            case BigInteger big -> big.bitLength() < Long.SIZE;
            default -> false;
        };
    }

    /** One item per asked id, in the asked order, null where none was found. */
    private static <T> List<T> inOrder(List<Long> ids, List<T> found, Function<T, Long> idOf) {
        Map<Long, T> byId = found.stream().collect(Collectors.toMap(idOf, Function.identity()));
        List<T> ordered = new ArrayList<>(ids.size());
        ids.forEach(id -> ordered.add(byId.get(id)));
        return ordered;
    }
}
