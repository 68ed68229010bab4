package dev.catalog.query.infrastructure;

import java.util.List;
import java.util.Map;

/**
 * The processing groups of the query side's projections. Each group runs in an event processor of
 * the same name, so these are also the processor names in the token store ({@code tokenentry}) and
 * the processing groups in the dead-letter queue ({@code deadletterentry}).
 */
public final class ProjectionGroups {

    /** Projects product events into {@code product_view}. */
    public static final String PRODUCT_VIEW = "product-view";

    /** Projects image events into {@code image_view}. */
    public static final String IMAGE_VIEW = "image-view";

    /** Projects product events into {@code product_change}, their history. */
    public static final String PRODUCT_HISTORY = "product-history";

    /** Projects image events into {@code image_change}, their history. */
    public static final String IMAGE_HISTORY = "image-history";

    /** Every projection group, in a stable order. */
    public static final List<String> ALL = List.of(PRODUCT_VIEW, IMAGE_VIEW, PRODUCT_HISTORY, IMAGE_HISTORY);

    /** The table each projection group writes. */
    public static final Map<String, String> VIEWS = Map.of(PRODUCT_VIEW, "product_view", IMAGE_VIEW, "image_view",
            PRODUCT_HISTORY, "product_change", IMAGE_HISTORY, "image_change");

    private ProjectionGroups() {
    }
}
