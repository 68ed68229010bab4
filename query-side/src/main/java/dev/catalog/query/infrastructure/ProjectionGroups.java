package dev.catalog.query.infrastructure;

import java.util.List;

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

    private ProjectionGroups() {
    }
}
