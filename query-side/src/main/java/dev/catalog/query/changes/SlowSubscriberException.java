package dev.catalog.query.changes;

/**
 * Ends a subscription whose changes waited longer than its bound allows: the subscriber does not read them as
 * fast as they are committed. It is dropped rather than buffered without bound; it may resume from the last
 * change it received.
 */
public class SlowSubscriberException extends RuntimeException {

    SlowSubscriberException(int maxQueued) {
        super("More than " + maxQueued + " changes waited for this subscriber: it was dropped. "
                + "Resume from the last change received.");
    }
}
