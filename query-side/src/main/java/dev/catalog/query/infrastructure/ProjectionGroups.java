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

    /** Every projection group, in a stable order. */
    public static final List<String> ALL = List.of(PRODUCT_VIEW, IMAGE_VIEW);

    /** The table each projection group writes. */
    public static final Map<String, String> VIEWS = Map.of(PRODUCT_VIEW, "product_view", IMAGE_VIEW, "image_view");

    private ProjectionGroups() {
    }
}
