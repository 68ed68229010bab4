package dev.catalog.query.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * The seam between what a subscriber has and the live changes, with the tokens Axon's JDBC store gives: positions
 * 1 to 7 committed, 8 in flight (its transaction took the position first and commits last), then 9, 10 and 11.
 */
class SeamTest {

    @Test
    void a_change_that_filled_a_gap_of_the_catch_up_is_delivered_once_and_the_changes_above_the_gap_are_not_repeated() {
        // Resumed after 5: the catch-up reads 6, 7, 9 and 10 while 8 is in flight.
        Reader catchUp = new Reader(token(5));
        LongStream.of(6, 7, 9, 10).forEach(catchUp::read);
        Seam seam = Seam.at(catchUp.token);
        // The live reader stood at 7 when the subscriber came; it reads on after 8 committed.
        Reader live = new Reader(token(7));
        List<Delivery> waiting = LongStream.of(8, 9, 10, 11).mapToObj(live::read).toList();

        assertThat(passed(seam, waiting)).containsExactly(8L, 11L);
    }

    @Test
    void a_new_subscriber_gets_a_change_in_flight_when_it_subscribed_and_none_committed_before() {
        // Subscribed while 8 was in flight: its start is the head, 10, with the gap 8.
        Seam start = Seam.at(token(10, 8));
        // The live reader, behind at 7, reads on after 8 committed.
        Reader live = new Reader(token(7));
        List<Delivery> read = LongStream.of(8, 9, 10, 11).mapToObj(live::read).toList();

        assertThat(passed(start, read)).containsExactly(8L, 11L);
    }

    @Test
    void a_change_that_filled_a_gap_is_judged_by_its_own_position_not_by_the_index_of_its_token() {
        // Both the live reader (before the subscriber came) and the catch-up read 9 and 10 while 8 was in flight.
        Reader live = new Reader(token(7));
        live.read(9);
        live.read(10);
        Reader catchUp = new Reader(token(7));
        LongStream.of(9, 10).forEach(catchUp::read);
        Seam seam = Seam.at(catchUp.token);

        Delivery filled = live.read(8);

        assertThat(filled.token().getIndex()).as("Axon keeps the higher index").isEqualTo(10);
        assertThat(seam.behind(filled)).isFalse();
    }

    @Test
    void a_change_the_catch_up_read_in_one_of_its_own_gaps_is_behind_the_seam() {
        // Resumed from a token that still had 8 as a gap: the catch-up reads 8, now committed, then 11.
        Reader catchUp = new Reader(token(10, 8));
        LongStream.of(8, 11).forEach(catchUp::read);
        Seam seam = Seam.at(catchUp.token);
        Reader live = new Reader(token(7));
        List<Delivery> waiting = LongStream.of(8, 9, 10, 11, 12).mapToObj(live::read).toList();

        assertThat(passed(seam, waiting)).containsExactly(12L);
    }

    /** The positions of {@code changes} that are not behind {@code seam}, in their order. */
    private static List<Long> passed(Seam seam, List<Delivery> changes) {
        return changes.stream().filter(change -> !seam.behind(change)).map(Delivery::position).toList();
    }

    private static GapAwareTrackingToken token(long index, long... gaps) {
        return GapAwareTrackingToken.newInstance(index, LongStream.of(gaps).boxed().toList());
    }

    /** Reads as Axon's JDBC store does: each event's token is the one before it, advanced to the event's position. */
    private static final class Reader {

        /** {@code JdbcEventStorageEngine}'s default {@code maxGapOffset}. */
        private static final int MAX_GAP_OFFSET = 10_000;

        GapAwareTrackingToken token;

        Reader(GapAwareTrackingToken from) {
            token = from;
        }

        Delivery read(long position) {
            token = token.advanceTo(position, MAX_GAP_OFFSET);
            return new Delivery("change at " + position, position, token);
        }
    }
}
