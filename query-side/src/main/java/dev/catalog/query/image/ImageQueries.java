package dev.catalog.query.image;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads images from {@code image_view}. Never touches the event store. The view is written in the
 * transaction of every image command, so it holds every committed write.
 *
 * <p>Images whose product is not in {@code product_view} (deleted, and the cascade of image
 * deletions not done yet) are hidden. Every method
 * runs exactly one SQL statement. Thread-safe.
 */
@Service
public class ImageQueries {

    private static final String SELECT = """
            SELECT i.id, i.product_id, i.url, i.priority, i.version, i.created_at, i.updated_at,
                   i.content_type, i.byte_size, i.width, i.height
              FROM image_view i
              JOIN product_view p ON p.id = i.product_id
            """;

    private final JdbcClient jdbc;

    public ImageQueries(@Qualifier("readsJdbcClient") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The image with this id, unless it is unknown or its product is not in the view. */
    public Optional<ImageView> findById(long id) {
        return jdbc.sql(SELECT + " WHERE i.id = :id")
                .param("id", id)
                .query(ImageQueries::image)
                .optional();
    }

    /**
     * The visible images with these ids, ordered by id; unknown ids are left out and duplicates are returned
     * once. One statement however many ids, for federation entity resolution.
     */
    public List<ImageView> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String idList = ids.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
        return jdbc.sql(SELECT + " WHERE i.id = ANY (CAST(string_to_array(:ids, ',') AS bigint[])) ORDER BY i.id")
                .param("ids", idList)
                .query(ImageQueries::image)
                .list();
    }

    /** The first {@code limit} visible images, ordered by id. */
    public List<ImageView> findAll(int limit) {
        return jdbc.sql(SELECT + " ORDER BY i.id LIMIT :limit").param("limit", limit).query(ImageQueries::image).list();
    }



    /**
     * The visible images of these products, for batch loading. The map has one entry per distinct
     * requested id, in the order given; a product without (visible) images maps to an empty list.
     * Each list is ordered by priority descending, then id ascending.
     */
    public Map<Long, List<ImageView>> findByProductIds(Collection<Long> productIds) {
        Map<Long, List<ImageView>> byProduct = new LinkedHashMap<>();
        productIds.forEach(id -> byProduct.put(id, new ArrayList<>()));
        if (byProduct.isEmpty()) {
            return byProduct;
        }
        String idList = byProduct.keySet().stream().map(String::valueOf).collect(Collectors.joining(","));
        jdbc.sql(SELECT + """
                         WHERE i.product_id = ANY (CAST(string_to_array(:ids, ',') AS bigint[]))
                         ORDER BY i.product_id, i.priority DESC, i.id
                        """)
                .param("ids", idList)
                .query(ImageQueries::image)
                .list()
                .forEach(image -> byProduct.get(image.productId()).add(image));
        byProduct.replaceAll((id, images) -> List.copyOf(images));
        return byProduct;
    }

    /** Reads a row of {@link #SELECT} by column position (a name lookup per value costs more than the value). */
    private static ImageView image(ResultSet rs, int row) throws SQLException {
        return new ImageView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getLong(5),
                             rs.getObject(6, OffsetDateTime.class).toInstant(),
                             rs.getObject(7, OffsetDateTime.class).toInstant(),
                             rs.getString(8), rs.getObject(9, Long.class), rs.getObject(10, Integer.class),
                             rs.getObject(11, Integer.class));
    }
}
