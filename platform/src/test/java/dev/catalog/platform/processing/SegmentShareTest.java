package dev.catalog.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many segments of a processor an instance may hold: {@link ProcessingNodes#share(boolean, int, int)}. */
class SegmentShareTest {

    @Test
    void the_live_instances_with_the_processors_role_divide_the_segments_rounding_up() {
        assertThat(ProcessingNodes.share(true, 4, 1)).isEqualTo(4);
        assertThat(ProcessingNodes.share(true, 4, 2)).isEqualTo(2);
        assertThat(ProcessingNodes.share(true, 4, 3)).isEqualTo(2);
        assertThat(ProcessingNodes.share(true, 4, 5)).isEqualTo(1);
        assertThat(ProcessingNodes.share(true, 1, 3)).isEqualTo(1);
    }

    @Test
    void no_instance_holds_more_than_its_share_plus_one() {
        for (int segments = 1; segments <= 16; segments++) {
            for (int live = 1; live <= 8; live++) {
                assertThat((double) ProcessingNodes.share(true, segments, live))
                        .as("%d segments over %d instances", segments, live)
                        .isLessThan((double) segments / live + 1)
                        .isGreaterThanOrEqualTo((double) segments / live);
            }
        }
    }

    @Test
    void an_instance_without_the_processors_role_or_before_its_first_heartbeat_claims_nothing() {
        assertThat(ProcessingNodes.share(false, 4, 2)).isZero();
        assertThat(ProcessingNodes.share(true, 4, 0)).isZero();
    }

    @Test
    void before_a_processor_has_segments_one_may_be_claimed_so_that_one_instance_creates_them() {
        assertThat(ProcessingNodes.share(true, 0, 3)).isEqualTo(1);
    }
}
