/**
 * Changes as they are committed, for live subscribers: {@link dev.catalog.query.changes.ChangeFeed} follows the
 * event store on this instance and hands each committed product or image change to the subscribers it matches,
 * in the order of the store, after an optional catch-up from the store itself (a resume token or a product's
 * version). {@link dev.catalog.query.changes.CommitDoorbell} wakes the feeds of every instance when events are
 * committed (PostgreSQL {@code LISTEN/NOTIFY}); nothing but the store carries the changes themselves (ADR 19).
 */
package dev.catalog.query.changes;
