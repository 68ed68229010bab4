package dev.catalog.kafka;

import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * How far the publisher is behind the head of the event store, in events, over the segments this instance
 * holds: the head's position minus the lowest position of those segments. Unknown when this instance holds
 * none (another instance publishes them).
 */
class PublisherLag {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    PublisherLag(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    OptionalLong events() {
        Map<Integer, EventTrackerStatus> segments = processing
                .eventProcessor(KafkaPublisher.PROCESSING_GROUP, PooledStreamingEventProcessor.class)
                .map(PooledStreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        long lowest = segments.values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(0))
                .min().orElse(0);
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? 0 : head.position().orElse(0);
        return OptionalLong.of(Math.max(0, headPosition - lowest));
    }

    /** The error of a segment this instance holds, if it is failing (e.g. Kafka unreachable). */
    String error() {
        return processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP, PooledStreamingEventProcessor.class)
                .map(PooledStreamingEventProcessor::processingStatus).orElse(Map.of()).values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(status -> status.getError() == null ? "failing" : status.getError().getMessage())
                .findFirst().orElse(null);
    }
}
