package dev.catalog.command.product;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.product.ProductId;

/**
 * The names taken by products that are not deleted (ADR 0003). Names are compared
 * case-insensitively: see {@link #keyOf(String)}.
 *
 * <p>Implementations write in the caller's transaction, the one that appends the product's events,
 * so a refused or failed command leaves no trace here.
 */
public interface ProductNames {

    /**
     * Allocates the id of a new product and gives it {@code name}, in one step (one statement for the
     * database). Ids are unique for ever; gaps are allowed (ADR 0002): a refused claim uses one up.
     *
     * @throws CommandRejectedException {@code CONFLICT} on field {@code "name"} when another product has this
     *     name, also when that product is being created concurrently
     */
    ProductId claimNew(String name);

    /**
     * Gives {@code name} to the product, releasing the name it had before (if any).
     *
     * @throws CommandRejectedException {@code CONFLICT} on field {@code "name"} when another product
     *     has this name, also when that product is being created concurrently
     */
    void claim(ProductId productId, String name);

    /** Frees the product's name; does nothing when the product holds none. */
    void release(ProductId productId);

    /** The form in which names are compared: lower case (Locale.ROOT) of the trimmed name. */
    static String keyOf(String trimmedName) {
        return trimmedName.toLowerCase(java.util.Locale.ROOT);
    }
}
