package dev.catalog.command.infrastructure;

import dev.catalog.command.image.LiveProducts;
import dev.catalog.command.product.ProductNames;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.product.ProductId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code product_registry}: one row per product that is not deleted, with its name key.
 * Serves both the product's name uniqueness and the image side's "does this product exist".
 */
public class JdbcProductRegistry implements ProductNames, LiveProducts {

    private final JdbcClient jdbc;

    public JdbcProductRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(ProductId productId, String name) {
        try {
            // The unique constraint decides, not a prior SELECT: two concurrent transactions
            // claiming one name both pass a SELECT, but the second INSERT waits for the first
            // to commit and then fails with a duplicate key.
            jdbc.sql("""
                    INSERT INTO product_registry (product_id, name_key) VALUES (:id, :key)
                    ON CONFLICT (product_id) DO UPDATE SET name_key = EXCLUDED.name_key""")
                    .param("id", productId.value())
                    .param("key", ProductNames.keyOf(name))
                    .update();
        } catch (DuplicateKeyException taken) {
            throw CommandRejectedException.conflict("name", "A product named \"" + name + "\" already exists.");
        }
    }

    @Override
    public ProductId claimNew(String name) {
        try {
            return ProductId.of(jdbc.sql("""
                    INSERT INTO product_registry (product_id, name_key) VALUES (nextval('product_id_seq'), :key)
                    RETURNING product_id""")
                    .param("key", ProductNames.keyOf(name))
                    .query(Long.class)
                    .single());
        } catch (DuplicateKeyException taken) {
            throw CommandRejectedException.conflict("name", "A product named \"" + name + "\" already exists.");
        }
    }

    @Override
    public void release(ProductId productId) {
        jdbc.sql("DELETE FROM product_registry WHERE product_id = :id").param("id", productId.value()).update();
    }

    @Override
    public boolean lockIfLive(ProductId productId) {
        // FOR SHARE conflicts with the DELETE of release(): a product deletion waits for the image
        // commands that locked the product, and an image command waits for a deletion in progress
        // and then finds no row.
        return jdbc.sql("SELECT product_id FROM product_registry WHERE product_id = :id FOR SHARE")
                .param("id", productId.value())
                .query(Long.class)
                .optional()
                .isPresent();
    }
}
