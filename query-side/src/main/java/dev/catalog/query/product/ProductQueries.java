package dev.catalog.query.product;

import dev.catalog.events.product.ProductStatus;
import dev.catalog.query.image.ImageView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
 * Reads products from {@code product_view} (and their images from {@code image_view}). Never
 * touches the event store. The views are written in the transaction of every command, so they hold
 * every committed write.
 *
 * <p>Cost: every method runs exactly one SQL statement, with or without images (images come from a
 * join), whatever the number of products returned. Images of a product are ordered by priority
 * descending, then id ascending. Each call is a single statement, so no transaction is opened for
 * it (a caller's transaction, if any, is joined). Thread-safe.
 */
@Service
public class ProductQueries {

    private static final String COLUMNS =
            "p.id, p.name, p.price, p.status, p.version, p.created_at, p.updated_at";

    // The selected products (with their order kept as "ord") joined with their images. The inner
    // query applies filter, order and limit to products, not to product-image rows. The images are a
    // LATERAL subquery with an ORDER BY, which PostgreSQL cannot flatten into a plain join: it reads each
    // product's images from the (product_id, priority, id) index. As a plain join, the planner hashed the
    // whole image view for a page of 20 products: a list page cost 3.6 times as much (pgbench).
    private static final String WITH_IMAGES = """
            SELECT p.*, i.id AS image_id, i.url AS image_url, i.priority AS image_priority,
                   i.version AS image_version, i.created_at AS image_created_at, i.updated_at AS image_updated_at,
                   i.content_type AS image_content_type, i.byte_size AS image_byte_size, i.width AS image_width,
                   i.height AS image_height
              FROM (%s) p
              LEFT JOIN LATERAL (SELECT * FROM image_view i WHERE i.product_id = p.id ORDER BY i.priority DESC, i.id) i
                ON true
             ORDER BY p.ord, i.priority DESC, i.id
            """;

    private final JdbcClient jdbc;

    public ProductQueries(@Qualifier("readsJdbcClient") JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The product with this id, if the view holds it. */
    public Optional<ProductView> findById(long id, boolean withImages) {
        List<ProductView> found = select(new Query("p.id = :id", "p.id", null).param("id", id), withImages);
        return found.stream().findFirst();
    }

    /**
     * The products with these ids that the view holds, ordered by id; unknown ids are left out and
     * duplicates are returned once. For federation entity resolution and batch loading.
     */
    public List<ProductView> findByIds(Collection<Long> ids, boolean withImages) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // One parameter, however many ids: the statement text stays the same (plan caching) and
        // there is no limit on the number of bind parameters.
        String idList = ids.stream().distinct().map(String::valueOf).collect(Collectors.joining(","));
        return select(new Query("p.id = ANY (CAST(string_to_array(:ids, ',') AS bigint[]))", "p.id", null)
                              .param("ids", idList), withImages);
    }

    /** The first {@code limit} active products, ordered by id. */
    public List<ProductView> findActiveSortedById(boolean withImages, int limit) {
        return select(new Query("p.status = :status", "p.id", limit).param("status", ProductStatus.ACTIVE.name()),
                      withImages);
    }

    /**
     * The sizes of the unbounded lists, in one statement: the active products ({@link #findActiveSortedById}
     * without a limit) and the visible images ({@code ImageQueries.findAll} without a limit).
     */
    public ListCounts countLists() {
        return jdbc.sql("""
                        SELECT (SELECT count(*) FROM product_view WHERE status = :status) AS active_products,
                               (SELECT count(*) FROM image_view i JOIN product_view p ON p.id = i.product_id) AS images""")
                .param("status", ProductStatus.ACTIVE.name())
                .query((rs, row) -> new ListCounts(rs.getLong("active_products"), rs.getLong("images")))
                .single();
    }

    /** What {@link #countLists} counts. */
    public record ListCounts(long activeProducts, long images) {
    }

    /** How many active products {@link #searchActiveByName} finds for {@code search} without a limit. */
    public long countActiveMatching(String search) {
        Optional<String> query = SearchTerms.prefixQuery(search);
        if (query.isEmpty()) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM product_view WHERE status = :status AND name_tsv @@ to_tsquery('simple', :query)")
                .param("status", ProductStatus.ACTIVE.name())
                .param("query", query.get())
                .query(Long.class)
                .single();
    }

    /**
     * Full-text search among active products: every word of {@code search} must start a word of the
     * name ({@code "lap"} finds "Laptop"), case-insensitively. Ordered by relevance, then id.
     * Any input is safe (tsquery operators and quotes are ignored); a search without words
     * (blank, or only punctuation) returns an empty list. At most {@code limit} products, the best ones.
     */
    public List<ProductView> searchActiveByName(String search, boolean withImages, int limit) {
        Optional<String> query = SearchTerms.prefixQuery(search);
        if (query.isEmpty()) {
            return List.of();
        }
        return select(new Query("p.status = :status AND p.name_tsv @@ to_tsquery('simple', :query)",
                                "ts_rank(p.name_tsv, to_tsquery('simple', :query)) DESC, p.id", limit)
                              .param("status", ProductStatus.ACTIVE.name())
                              .param("query", query.get()),
                      withImages);
    }

    /**
     * One page of products matching {@code filter}, by ascending id (keyset pagination).
     *
     * @param afterId the last id of the previous page, or {@code null} for the first page
     * @param limit   the most products to return (at least 0); ask one more than the page size to
     *                learn whether a next page exists
     */
    public List<ProductView> findPage(ProductFilter filter, Long afterId, int limit, boolean withImages) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        if (limit == 0) {
            return List.of();
        }
        ProductFilter criteria = filter == null ? ProductFilter.NONE : filter;
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (criteria.status() != null) {
            conditions.add("p.status = :status");
            params.put("status", criteria.status().name());
        }
        if (criteria.search() != null && !criteria.search().isBlank()) {
            Optional<String> query = SearchTerms.prefixQuery(criteria.search());
            if (query.isEmpty()) {
                return List.of();
            }
            conditions.add("p.name_tsv @@ to_tsquery('simple', :query)");
            params.put("query", query.get());
        }
        if (criteria.minPrice() != null) {
            conditions.add("p.price >= :minPrice");
            params.put("minPrice", criteria.minPrice());
        }
        if (criteria.maxPrice() != null) {
            conditions.add("p.price <= :maxPrice");
            params.put("maxPrice", criteria.maxPrice());
        }
        if (afterId != null) {
            conditions.add("p.id > :afterId");
            params.put("afterId", afterId);
        }
        String where = conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
        Query query = new Query(where, "p.id", limit);
        params.forEach(query::param);
        return select(query, withImages);
    }

    private List<ProductView> select(Query query, boolean withImages) {
        String products = "SELECT " + COLUMNS + ", row_number() OVER (ORDER BY " + query.orderBy + ") AS ord"
                + " FROM product_view p WHERE " + query.where
                + " ORDER BY " + query.orderBy
                + (query.limit == null ? "" : " LIMIT " + query.limit);
        if (!withImages) {
            JdbcClient.StatementSpec statement = jdbc.sql(products);
            query.params.forEach(statement::param);
            return statement.query((rs, row) -> product(rs, null)).list();
        }
        JdbcClient.StatementSpec statement = jdbc.sql(WITH_IMAGES.formatted(products));
        query.params.forEach(statement::param);
        return statement.query(ProductQueries::foldImages);
    }

    // Column positions in both result shapes: the product's columns (COLUMNS, then "ord"), then the image's.
    // By position, not by name: a name lookup per value costs more than reading it.
    private static final int ID = 1, NAME = 2, PRICE = 3, STATUS = 4, VERSION = 5, CREATED_AT = 6, UPDATED_AT = 7;
    private static final int IMAGE_ID = 9, IMAGE_URL = 10, IMAGE_PRIORITY = 11, IMAGE_VERSION = 12,
            IMAGE_CREATED_AT = 13, IMAGE_UPDATED_AT = 14, IMAGE_CONTENT_TYPE = 15, IMAGE_BYTE_SIZE = 16,
            IMAGE_WIDTH = 17, IMAGE_HEIGHT = 18;

    /** Folds product-image rows (ordered by product, then image) into products with image lists. */
    private static List<ProductView> foldImages(ResultSet rs) throws SQLException {
        Map<Long, ProductView> products = new LinkedHashMap<>();
        Map<Long, List<ImageView>> images = new LinkedHashMap<>();
        while (rs.next()) {
            long id = rs.getLong(ID);
            List<ImageView> productImages = images.get(id);
            if (productImages == null) {
                products.put(id, product(rs, null));
                productImages = new ArrayList<>();
                images.put(id, productImages);
            }
            long imageId = rs.getLong(IMAGE_ID);
            if (!rs.wasNull()) {
                productImages.add(new ImageView(imageId, id, rs.getString(IMAGE_URL), rs.getInt(IMAGE_PRIORITY),
                                                rs.getLong(IMAGE_VERSION), instant(rs, IMAGE_CREATED_AT),
                                                instant(rs, IMAGE_UPDATED_AT), rs.getString(IMAGE_CONTENT_TYPE),
                                                rs.getObject(IMAGE_BYTE_SIZE, Long.class),
                                                rs.getObject(IMAGE_WIDTH, Integer.class),
                                                rs.getObject(IMAGE_HEIGHT, Integer.class)));
            }
        }
        return products.values().stream().map(product -> product.withImages(images.get(product.id()))).toList();
    }

    private static ProductView product(ResultSet rs, List<ImageView> images) throws SQLException {
        return new ProductView(rs.getLong(ID), rs.getString(NAME), rs.getBigDecimal(PRICE),
                               ProductStatus.valueOf(rs.getString(STATUS)), rs.getLong(VERSION),
                               instant(rs, CREATED_AT), instant(rs, UPDATED_AT), images);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A product selection: condition, order and optional limit, with its named parameters. */
    private static final class Query {
        final String where;
        final String orderBy;
        final Integer limit;
        final Map<String, Object> params = new LinkedHashMap<>();

        Query(String where, String orderBy, Integer limit) {
            this.where = where;
            this.orderBy = orderBy;
            this.limit = limit;
        }

        Query param(String name, Object value) {
            params.put(name, value);
            return this;
        }
    }
}
