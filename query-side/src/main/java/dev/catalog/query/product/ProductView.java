package dev.catalog.query.product;

import dev.catalog.events.product.ProductState;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.query.image.ImageView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A product as the read view holds it.
 *
 * @param price     scale 2
 * @param version   the product aggregate's version: sequence number of its last applied event + 1;
 *                  compare it with the version a command returned to know the view caught up
 * @param createdAt time of the creating event
 * @param updatedAt time of the last applied event
 * @param images    {@code null} when images were not requested; otherwise the product's images
 *                  ordered by priority descending, then id ascending (possibly empty)
 */
public record ProductView(long id, String name, BigDecimal price, ProductStatus status, long version,
                          Instant createdAt, Instant updatedAt, List<ImageView> images) {

    /**
     * The view of the product a command just wrote, from the state the command returned: the row its inline
     * projection wrote in the same transaction holds exactly these values.
     *
     * @param images the product's images, or {@code null} to leave them unread
     */
    public static ProductView of(ProductState state, List<ImageView> images) {
        return new ProductView(state.productId().value(), state.name(), state.price(), state.status(), state.version(),
                state.createdAt(), state.updatedAt(), images == null ? null : List.copyOf(images));
    }

    /** This product with the given images (the list is copied). */
    public ProductView withImages(List<ImageView> images) {
        return new ProductView(id, name, price, status, version, createdAt, updatedAt, List.copyOf(images));
    }
}
