package dev.catalog.gateway.cost;

import dev.catalog.graphql.limits.ListCosts;
import dev.catalog.graphql.limits.ListTooLargeException;
import dev.catalog.query.product.ProductQueries;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The catalog's lists as the cost model counts them, and the page limits of its paged lists, declared here once
 * (the resolvers refuse a larger {@code first} with these same numbers):
 * <ul>
 *   <li>{@code products(first:)}, {@code productHistory(first:)} and {@code imageHistory(first:)} open a page of
 *       {@code first} edges ({@value #DEFAULT_PAGE_SIZE} by default, at most {@value #MAX_PAGE_SIZE});</li>
 *   <li>a history entry changes at most the fields its entity's history compares: 3 of a product, 4 of an image;</li>
 *   <li>the administrative lists cost their {@code first}, or their largest page when it is not given;</li>
 *   <li>a product is assumed to have {@value #IMAGES_PER_PRODUCT} images (a product page shows a handful; the schema
 *       sets no bound), and the projection lists one item per projection group;</li>
 *   <li>the legacy unbounded lists are measured in the views ({@link ListSizes}): every active product for
 *       {@code getActiveProductsSortedById}, the products a search finds for {@code searchActiveProductsByName},
 *       every visible image for {@code getAllImages}; a federation gateway's {@code _entities} has one item per
 *       representation it sends; the images under such a list of products are at most all images;</li>
 *   <li>any other list a future schema adds costs {@value #OTHER_LIST_SIZE} items, until it gets its own size.</li>
 * </ul>
 */
@Component
public class CatalogListCosts implements ListCosts {

    /** Page size of {@code products} when {@code first} is not given (the schema's default). */
    public static final int DEFAULT_PAGE_SIZE = 20;
    /** Largest page {@code products} serves; a larger {@code first} is refused by the resolver itself. */
    public static final int MAX_PAGE_SIZE = 100;
    /** The most events one {@code events} page holds, and its size when {@code first} is not given. */
    public static final int MAX_EVENTS = 1000;
    /** The most dead letters (or differing rows of a view check) one request lists. */
    public static final int MAX_DEAD_LETTERS = 100;
    /** The most persisted documents one {@code persistedDocuments} page lists. */
    public static final int MAX_PERSISTED_DOCUMENTS = 100;
    /** Expected images per product: a product page shows a handful; the schema sets no bound. */
    static final int IMAGES_PER_PRODUCT = 10;
    /** The projection lists hold one item per projection group: two today, a handful at most. */
    static final int PROJECTION_GROUPS = 10;
    /** The instances sharing a database: a handful. */
    static final int INSTANCES = 20;
    /** Any other list field a future schema adds, until it gets its own size. */
    static final int OTHER_LIST_SIZE = MAX_PAGE_SIZE;

    private static final Map<String, Integer> FIXED_SIZES = Map.of(
            "Product.images", IMAGES_PER_PRODUCT,
            "Query.projections", PROJECTION_GROUPS,
            "Query.instances", INSTANCES,
            "DeadLetterRetry.projections", PROJECTION_GROUPS,
            // The fields HistoryQueries compares: name, price, status; productId, url, priority, contentType.
            "ProductHistoryEntry.changes", 3,
            "ImageHistoryEntry.changes", 4);

    /** The connections paged by {@code first}, and their edges: the same page limits (HistoryController's too). */
    private static final Set<String> CONNECTIONS = Set.of("Query.products", "Query.productHistory",
            "Query.imageHistory");
    private static final Set<String> EDGES = Set.of("ProductConnection.edges", "ProductHistoryConnection.edges",
            "ImageHistoryConnection.edges");

    /** Administrative lists paged by {@code first}, by coordinate: their largest (and default) {@code first}. */
    static final Map<String, Integer> PAGED_LISTS = Map.of("Query.events", MAX_EVENTS, "Query.deadLetters", MAX_DEAD_LETTERS,
            "Query.persistedDocuments", MAX_PERSISTED_DOCUMENTS);

    /** A federation gateway's entity lookups: as many items as representations sent. */
    static final String ENTITIES = "Query._entities";

    /** The lists whose real size is known before they run. Refused past {@code maxListSize}. */
    static final Set<String> MEASURED_LISTS = Set.of(
            "Query.getActiveProductsSortedById", "Query.searchActiveProductsByName", "Query.getAllImages", ENTITIES);

    private final ProductQueries products;

    public CatalogListCosts(ProductQueries products) {
        this.products = products;
    }

    @Override
    public Sizer sizer() {
        return sizer(new ViewListSizes(products));
    }

    /** The sizer over {@code sizes}: the views' counts, or fixed ones in a test. */
    static Sizer sizer(ListSizes sizes) {
        return new Sizer() {
            @Override
            public OptionalLong pageSize(String coordinate, Arguments arguments) {
                if (!CONNECTIONS.contains(coordinate)) {
                    return OptionalLong.empty();
                }
                // A `first` out of range is refused by the resolver with BAD_USER_INPUT before it reads anything.
                Long first = arguments.integer("first");
                return OptionalLong.of(first == null ? DEFAULT_PAGE_SIZE : Math.clamp(first, 1, MAX_PAGE_SIZE));
            }

            @Override
            public ListSize size(String coordinate, Arguments arguments, long pageSize, boolean underMeasuredList) {
                if (MEASURED_LISTS.contains(coordinate)) {
                    return ListSize.measured(switch (coordinate) {
                        case ENTITIES -> arguments.listLength("representations");
                        case "Query.getActiveProductsSortedById" -> sizes.activeProducts();
                        case "Query.searchActiveProductsByName" -> {
                            String search = arguments.string("search");
                            yield search == null ? sizes.activeProducts() : sizes.activeProductsMatching(search);
                        }
                        default -> sizes.images();
                    });
                }
                if (EDGES.contains(coordinate)) {
                    return ListSize.of(pageSize == NO_PAGE ? DEFAULT_PAGE_SIZE : pageSize);
                }
                if (PAGED_LISTS.containsKey(coordinate)) {
                    int max = PAGED_LISTS.get(coordinate);
                    Long first = arguments.integer("first");
                    return ListSize.of(first == null ? max : Math.clamp(first, 1, max));
                }
                ListSize size = ListSize.of(FIXED_SIZES.getOrDefault(coordinate, OTHER_LIST_SIZE));
                // The products of a measured list hold at most all images together.
                return coordinate.equals("Product.images") && underMeasuredList ? size.atMost(sizes.images()) : size;
            }
        };
    }

    @Override
    public String tooLarge(String field, String howMany, int limit) {
        return message(field, howMany, limit);
    }

    private static String message(String field, String howMany, int limit) {
        if (field.equals("_entities")) {
            return "`_entities` was sent " + howMany + " representations; at most " + limit
                    + " are resolved at once. Split them over several requests.";
        }
        String items = field.equals("getAllImages") ? "images" : "products";
        return "`" + field + "` would return " + howMany + " " + items + "; a list returns at most " + limit
                + ". Page through them with `products(first: " + MAX_PAGE_SIZE + ", after: ...)` instead"
                + (items.equals("images") ? ", asking each product for its `images`." : ".");
    }

    /**
     * Returns {@code items}, a legacy list read with {@code limit + 1}, when it holds at most the limit.
     *
     * @param field the list field, e.g. {@code getAllImages}
     * @throws ListTooLargeException when it holds more
     */
    public static <T> List<T> requireWithin(List<T> items, String field, int limit) {
        if (items.size() > limit) {
            throw new ListTooLargeException(message(field, "more than " + limit, limit), limit);
        }
        return items;
    }
}
