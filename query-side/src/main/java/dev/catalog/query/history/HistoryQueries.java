package dev.catalog.query.history;

import dev.catalog.events.product.ProductStatus;
import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads the history tables: an entity's changes newest first, and the entity as it was at a time or a version. The
 * states are the ones the history projections wrote from the events, with the values the views' projections write
 * from the same events. One statement per read.
 */
@Service
public class HistoryQueries {

    private static final String PRODUCT_COLUMNS =
            "product_id, version, kind, at, by, request_id, name, price, status, created_at";
    private static final String IMAGE_COLUMNS = "image_id, version, kind, at, by, request_id, product_id, url, "
            + "priority, content_type, byte_size, width, height, created_at";

    private final JdbcClient jdbc;

    public HistoryQueries(@Qualifier("readsJdbcClient") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of changes, newest first, and whether older ones follow. */
    public record Page<T>(List<Change<T>> changes, boolean hasMore) {
    }

    /** The product's changes older than {@code beforeVersion} (null: from the newest), at most {@code first}. */
    public Page<ProductView> productHistory(long id, Long beforeVersion, int first) {
        List<Row<ProductView>> rows = jdbc.sql("SELECT " + PRODUCT_COLUMNS + """
                         FROM product_change
                        WHERE product_id = :id AND version < :before
                        ORDER BY version DESC LIMIT :limit""")
                .param("id", id).param("before", beforeVersion == null ? Long.MAX_VALUE : beforeVersion)
                .param("limit", first + 1)
                .query(HistoryQueries::productRow).list();
        return page(rows, first, HistoryQueries::productFields);
    }

    /** The image's changes, as {@link #productHistory}. */
    public Page<ImageView> imageHistory(long id, Long beforeVersion, int first) {
        List<Row<ImageView>> rows = jdbc.sql("SELECT " + IMAGE_COLUMNS + """
                         FROM image_change
                        WHERE image_id = :id AND version < :before
                        ORDER BY version DESC LIMIT :limit""")
                .param("id", id).param("before", beforeVersion == null ? Long.MAX_VALUE : beforeVersion)
                .param("limit", first + 1)
                .query(HistoryQueries::imageRow).list();
        return page(rows, first, HistoryQueries::imageFields);
    }

    /**
     * The product as it was at {@code asOf}, or at {@code version} (one of them given): empty when it did not exist
     * yet, or was deleted then.
     */
    public Optional<ProductView> productAsOf(long id, Instant asOf, Long version) {
        return jdbc.sql("SELECT " + PRODUCT_COLUMNS + " FROM product_change WHERE product_id = :id AND "
                        + (version != null ? "version = :version" : "at <= :asOf ORDER BY version DESC LIMIT 1"))
                .param("id", id).param("version", version)
                .param("asOf", asOf == null ? null : OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .query(HistoryQueries::productRow).optional().map(Row::state);
    }

    /** The image as it was at {@code asOf}, or at {@code version}, as {@link #productAsOf}. */
    public Optional<ImageView> imageAsOf(long id, Instant asOf, Long version) {
        return jdbc.sql("SELECT " + IMAGE_COLUMNS + " FROM image_change WHERE image_id = :id AND "
                        + (version != null ? "version = :version" : "at <= :asOf ORDER BY version DESC LIMIT 1"))
                .param("id", id).param("version", version)
                .param("asOf", asOf == null ? null : OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .query(HistoryQueries::imageRow).optional().map(Row::state);
    }

    /** The time of a product's version, to show its images as they were then. */
    public Optional<Instant> productVersionTime(long id, long version) {
        return jdbc.sql("SELECT at FROM product_change WHERE product_id = :id AND version = :version")
                .param("id", id).param("version", version)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
    }

    /**
     * The images of these products as they were at {@code asOf}: each image's last change then, if it had it on the
     * product and was not deleted; highest priority first, then by id, as {@code Product.images} orders them.
     */
    public Map<Long, List<ImageView>> imagesAsOf(List<Long> productIds, Instant asOf) {
        Map<Long, List<ImageView>> byProduct = new LinkedHashMap<>();
        productIds.forEach(id -> byProduct.put(id, new ArrayList<>()));
        if (productIds.isEmpty()) {
            return byProduct;
        }
        jdbc.sql("SELECT " + IMAGE_COLUMNS + """
                         FROM (SELECT DISTINCT ON (c.image_id) c.*
                                 FROM image_change c
                                WHERE c.image_id IN (SELECT image_id FROM image_change
                                                      WHERE product_id = ANY (CAST(string_to_array(:ids, ',') AS bigint[])))
                                  AND c.at <= :asOf
                                ORDER BY c.image_id, c.version DESC) last
                        WHERE kind <> 'DELETED'
                          AND product_id = ANY (CAST(string_to_array(:ids, ',') AS bigint[]))""")
                .param("ids", String.join(",", productIds.stream().map(String::valueOf).toList()))
                .param("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .query(HistoryQueries::imageRow).list()
                .forEach(row -> byProduct.get(row.state().productId()).add(row.state()));
        byProduct.replaceAll((id, images) -> images.stream()
                .sorted(Comparator.comparingInt(ImageView::priority).reversed().thenComparingLong(ImageView::id))
                .toList());
        return byProduct;
    }

    /** A history row: the change's facts, and the entity after it (null after a deletion). */
    private record Row<T>(long version, String kind, Instant at, String by, String requestId, T state) {
    }

    private static <T> Page<T> page(List<Row<T>> rows, int first,
                                    java.util.function.BiFunction<T, T, List<Change.FieldChange>> fields) {
        List<Change<T>> changes = new ArrayList<>();
        for (int i = 0; i < Math.min(first, rows.size()); i++) {
            Row<T> row = rows.get(i);
            // Newest first: the row after this one is the change before it, when the page fetched it.
            T before = i + 1 < rows.size() && rows.get(i + 1).version() == row.version() - 1
                    ? rows.get(i + 1).state() : null;
            changes.add(new Change<>(row.version(), row.kind(), row.at(), row.by(), row.requestId(),
                    fields.apply(before, row.state()), row.state()));
        }
        return new Page<>(changes, rows.size() > first);
    }

    private static List<Change.FieldChange> productFields(ProductView before, ProductView after) {
        List<Change.FieldChange> changes = new ArrayList<>();
        field(changes, "name", before == null ? null : before.name(), after == null ? null : after.name());
        field(changes, "price", before == null ? null : before.price().toPlainString(),
                after == null ? null : after.price().toPlainString());
        field(changes, "status", before == null ? null : before.status().name(),
                after == null ? null : after.status().name());
        return changes;
    }

    private static List<Change.FieldChange> imageFields(ImageView before, ImageView after) {
        List<Change.FieldChange> changes = new ArrayList<>();
        field(changes, "productId", before == null ? null : String.valueOf(before.productId()),
                after == null ? null : String.valueOf(after.productId()));
        field(changes, "url", before == null ? null : before.url(), after == null ? null : after.url());
        field(changes, "priority", before == null ? null : String.valueOf(before.priority()),
                after == null ? null : String.valueOf(after.priority()));
        field(changes, "contentType", before == null ? null : before.contentType(),
                after == null ? null : after.contentType());
        return changes;
    }

    private static void field(List<Change.FieldChange> changes, String name, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change.FieldChange(name, from, to));
        }
    }

    private static Row<ProductView> productRow(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString(3);
        Instant at = rs.getObject(4, OffsetDateTime.class).toInstant();
        ProductView state = kind.equals("DELETED") ? null : new ProductView(rs.getLong(1), rs.getString(7),
                rs.getBigDecimal(8), ProductStatus.valueOf(rs.getString(9)), rs.getLong(2),
                rs.getObject(10, OffsetDateTime.class).toInstant(), at, null);
        return new Row<>(rs.getLong(2), kind, at, rs.getString(5), rs.getString(6), state);
    }

    private static Row<ImageView> imageRow(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString(3);
        Instant at = rs.getObject(4, OffsetDateTime.class).toInstant();
        ImageView state = kind.equals("DELETED") ? null : new ImageView(rs.getLong(1), rs.getLong(7), rs.getString(8),
                rs.getInt(9), rs.getLong(2), rs.getObject(14, OffsetDateTime.class).toInstant(), at,
                rs.getString(10), rs.getObject(11, Long.class), rs.getObject(12, Integer.class),
                rs.getObject(13, Integer.class));
        return new Row<>(rs.getLong(2), kind, at, rs.getString(5), rs.getString(6), state);
    }
}
