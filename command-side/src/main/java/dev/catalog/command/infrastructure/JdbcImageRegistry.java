package dev.catalog.command.infrastructure;

import dev.catalog.command.image.ImageUrls;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.product.ProductId;
import dev.catalog.platform.database.PendingWrites;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The table {@code image_registry}: one row per image that is not deleted, with its product and url.
 *
 * <p>Its writes are {@link PendingWrites}: they go with the command's commit, and a url the product already has
 * refuses the command from there, with the same {@code CONFLICT} as if the row had been written at once.
 */
public class JdbcImageRegistry implements ImageUrls {

    private final JdbcClient jdbc;
    private final PendingWrites writes;
    private final SequenceBlock ids;

    public JdbcImageRegistry(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.writes = new PendingWrites(dataSource);
        this.ids = new SequenceBlock(dataSource, "image_id_seq");
    }

    @Override
    public void claim(ImageId imageId, ProductId productId, String url) {
        // The unique constraint (product_id, url) decides, also between concurrent transactions.
        writes.add("""
                INSERT INTO image_registry (image_id, product_id, url) VALUES (?, ?, ?)
                ON CONFLICT (image_id) DO UPDATE SET product_id = EXCLUDED.product_id, url = EXCLUDED.url""",
                List.of(imageId.value(), productId.value(), url), failure -> refused(failure, productId));
    }

    @Override
    public ImageId claimNew(ProductId productId, String url) {
        ImageId id = ImageId.of(ids.next());
        writes.add("INSERT INTO image_registry (image_id, product_id, url) VALUES (?, ?, ?)",
                List.of(id.value(), productId.value(), url), failure -> refused(failure, productId));
        return id;
    }

    @Override
    public void release(ImageId imageId) {
        writes.add("DELETE FROM image_registry WHERE image_id = ?", List.of(imageId.value()),
                PendingWrites.Failure.UNEXPECTED);
    }

    @Override
    public List<ImageId> imagesOf(ProductId productId) {
        return jdbc.sql("SELECT image_id FROM image_registry WHERE product_id = :product ORDER BY image_id")
                .param("product", productId.value())
                .query(Long.class)
                .list()
                .stream()
                .map(ImageId::of)
                .toList();
    }

    /** Forgets the ids this instance took but did not use: the sequence was moved on (an import). */
    public void forgetAllocatedIds() {
        ids.forget();
    }

    private RuntimeException refused(SQLException failure, ProductId productId) {
        if (PendingWrites.violates(failure, "image_registry_product_url_key")) {
            return CommandRejectedException.conflict("url",
                    "Product " + productId.value() + " already has an image with this url.");
        }
        return ids.takenMeanwhile(failure, "image_registry_pkey");
    }
}
