package dev.catalog.query.changes;

import java.util.SortedSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;

/**
 * Where a subscriber's live changes take over: the last position of its catch-up, or the store's position when it
 * subscribed. A change is behind the seam (the catch-up handed it out, or it was committed before the subscription)
 * when its own position is at most the seam's index and not one of the seam's gaps, the positions that were not
 * committed when the seam was read and may commit later.
 *
 * <p>Judged by the change's own position, not by {@link GapAwareTrackingToken#covers} of the live reader's token:
 * {@code covers} also wants the live token to still list the seam's gaps below it, which it no longer does once the
 * live reader read such a gap after it committed; the changes between that gap and the seam then came twice, or to
 * a new subscriber although committed before it subscribed.
 *
 * @param gaps sorted, as a token's
 */
record Seam(long index, SortedSet<Long> gaps) {

    static Seam at(GapAwareTrackingToken position) {
        return new Seam(position.getIndex(), position.getGaps());
    }

    boolean behind(Delivery change) {
        return change.position() <= index && !gaps.contains(change.position());
    }
}
