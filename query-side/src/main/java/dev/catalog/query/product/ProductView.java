package dev.catalog.query.product;

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

    /** This product with the given images (the list is copied). */
    public ProductView withImages(List<ImageView> images) {
        return new ProductView(id, name, price, status, version, createdAt, updatedAt, List.copyOf(images));
    }
}
