package dev.catalog.platform.processing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many segments of a processor an instance may hold: {@link ProcessingNodes.Rank#share(int)}. */
class SegmentShareTest {

    @Test
    void the_live_instances_divide_the_segments_the_first_ones_taking_the_remainder() {
        assertThat(new ProcessingNodes.Rank(0, 1).share(4)).isEqualTo(4);
        assertThat(new ProcessingNodes.Rank(1, 2).share(4)).isEqualTo(2);
        assertThat(new ProcessingNodes.Rank(0, 3).share(4)).isEqualTo(2);
        assertThat(new ProcessingNodes.Rank(1, 3).share(4)).isEqualTo(1);
        assertThat(new ProcessingNodes.Rank(2, 3).share(4)).isEqualTo(1);
        assertThat(new ProcessingNodes.Rank(4, 5).share(4)).isZero();
    }

    @Test
    void the_shares_add_up_to_the_segments_and_none_is_more_than_the_average_plus_one() {
        for (int segments = 1; segments <= 16; segments++) {
            for (int live = 1; live <= 8; live++) {
                int sum = 0;
                for (int position = 0; position < live; position++) {
                    int share = new ProcessingNodes.Rank(position, live).share(segments);
                    assertThat((double) share).as("%d segments, instance %d of %d", segments, position, live)
                            .isLessThan((double) segments / live + 1);
                    sum += share;
                }
                assertThat(sum).as("%d segments over %d instances", segments, live).isEqualTo(segments);
            }
        }
    }

    @Test
    void before_its_first_heartbeat_an_instance_claims_nothing() {
        assertThat(new ProcessingNodes.Rank(0, 0).share(4)).isZero();
    }

    @Test
    void before_a_processor_has_segments_one_may_be_claimed_so_that_an_instance_creates_them() {
        assertThat(new ProcessingNodes.Rank(2, 3).share(0)).isEqualTo(1);
    }
}
