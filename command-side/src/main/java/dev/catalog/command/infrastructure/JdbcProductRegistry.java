package dev.catalog.command.infrastructure;

import dev.catalog.command.image.LiveProducts;
import dev.catalog.command.product.ProductNames;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.product.ProductId;
import dev.catalog.platform.database.PendingWrites;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code product_registry}: one row per product that is not deleted, with its name key.
 * Serves both the product's name uniqueness and the image side's "does this product exist".
 *
 * <p>Its writes are {@link PendingWrites}: they go with the command's commit, and a name already taken refuses
 * the command from there, with the same {@code CONFLICT} as if the row had been written at once.
 */
public class JdbcProductRegistry implements ProductNames, LiveProducts {

    private final JdbcClient jdbc;
    private final PendingWrites writes;
    private final SequenceBlock ids;

    public JdbcProductRegistry(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.writes = new PendingWrites(dataSource);
        this.ids = new SequenceBlock(dataSource, "product_id_seq");
    }

    @Override
    public void claim(ProductId productId, String name) {
        // The unique constraint decides, not a prior SELECT: two concurrent transactions
        // claiming one name both pass a SELECT, but the second INSERT waits for the first
        // to commit and then fails with a duplicate key.
        writes.add("""
                INSERT INTO product_registry (product_id, name_key) VALUES (?, ?)
                ON CONFLICT (product_id) DO UPDATE SET name_key = EXCLUDED.name_key""",
                List.of(productId.value(), ProductNames.keyOf(name)), failure -> refused(failure, name));
    }

    @Override
    public ProductId claimNew(String name) {
        ProductId id = ProductId.of(ids.next());
        writes.add("INSERT INTO product_registry (product_id, name_key) VALUES (?, ?)",
                List.of(id.value(), ProductNames.keyOf(name)), failure -> refused(failure, name));
        return id;
    }

    @Override
    public void release(ProductId productId) {
        writes.add("DELETE FROM product_registry WHERE product_id = ?", List.of(productId.value()),
                PendingWrites.Failure.UNEXPECTED);
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

    /** Forgets the ids this instance took but did not use: the sequence was moved on (an import). */
    public void forgetAllocatedIds() {
        ids.forget();
    }

    private RuntimeException refused(SQLException failure, String name) {
        if (PendingWrites.violates(failure, "product_registry_name_key_key")) {
            return CommandRejectedException.conflict("name", "A product named \"" + name + "\" already exists.");
        }
        return ids.takenMeanwhile(failure, "product_registry_pkey");
    }
}
