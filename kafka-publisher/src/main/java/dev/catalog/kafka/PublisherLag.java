package dev.catalog.kafka;

import dev.catalog.platform.processing.ProcessorLag;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** How far the publisher is behind the head of the event store on this instance ({@link ProcessorLag}). */
class PublisherLag {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    PublisherLag(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    OptionalLong events() {
        return processing.eventProcessor(KafkaPublisher.PROCESSING_GROUP, PooledStreamingEventProcessor.class)
                .map(processor -> ProcessorLag.of(processor, eventStore))
                .orElse(OptionalLong.empty());
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
