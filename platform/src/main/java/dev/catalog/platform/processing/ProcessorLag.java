package dev.catalog.platform.processing;

import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * How far an asynchronous processor is behind the head of the event store, in events, over the segments this
 * instance holds: the head's position minus the lowest position of those segments. Empty when this instance holds
 * none (another instance processes them).
 */
public final class ProcessorLag {

    private ProcessorLag() {
    }

    public static OptionalLong of(StreamingEventProcessor processor, EventStore eventStore) {
        OptionalLong lowest = position(processor);
        if (lowest.isEmpty()) {
            return OptionalLong.empty();
        }
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? 0 : head.position().orElse(0);
        return OptionalLong.of(Math.max(0, headPosition - lowest.getAsLong()));
    }

    /** The lowest position of the segments this instance holds (0 before the first event); empty when none. */
    public static OptionalLong position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(segments.values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(0))
                .min().orElse(0));
    }
}
