package dev.catalog.query.changes;

import org.axonframework.eventhandling.GapAwareTrackingToken;

/**
 * One event as a reader of the store hands it out.
 *
 * @param change   the change it made, or {@code null} for an event that changes no product or image
 * @param position its own global index in the store
 * @param token    the reader's tracking token right after it; for an event that filled one of the reader's gaps its
 *                 index is higher than {@code position}, so it tells where to read on, not where the event is
 */
record Delivery(Object change, long position, GapAwareTrackingToken token) {
}
