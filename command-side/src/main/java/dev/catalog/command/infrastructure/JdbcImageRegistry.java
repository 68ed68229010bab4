package dev.catalog.command.infrastructure;

import dev.catalog.command.image.ImageUrls;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.product.ProductId;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The table {@code image_registry}: one row per image that is not deleted, with its product and url. */
public class JdbcImageRegistry implements ImageUrls {

    private final JdbcClient jdbc;

    public JdbcImageRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(ImageId imageId, ProductId productId, String url) {
        try {
            // The unique constraint (product_id, url) decides, also between concurrent transactions.
            jdbc.sql("""
                    INSERT INTO image_registry (image_id, product_id, url) VALUES (:id, :product, :url)
                    ON CONFLICT (image_id) DO UPDATE SET product_id = EXCLUDED.product_id, url = EXCLUDED.url""")
                    .param("id", imageId.value())
                    .param("product", productId.value())
                    .param("url", url)
                    .update();
        } catch (DuplicateKeyException taken) {
            throw CommandRejectedException.conflict("url",
                    "Product " + productId.value() + " already has an image with this url.");
        }
    }

    @Override
    public ImageId claimNew(ProductId productId, String url) {
        try {
            return ImageId.of(jdbc.sql("""
                    INSERT INTO image_registry (image_id, product_id, url) VALUES (nextval('image_id_seq'), :product, :url)
                    RETURNING image_id""")
                    .param("product", productId.value())
                    .param("url", url)
                    .query(Long.class)
                    .single());
        } catch (DuplicateKeyException taken) {
            throw CommandRejectedException.conflict("url",
                    "Product " + productId.value() + " already has an image with this url.");
        }
    }

    @Override
    public void release(ImageId imageId) {
        jdbc.sql("DELETE FROM image_registry WHERE image_id = :id").param("id", imageId.value()).update();
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
}
