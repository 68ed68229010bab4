package dev.catalog.query.infrastructure;

import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Reads the state of every projection of {@link ProjectionGroups} on this instance, for the health
 * indicator and the administrative API. Each call asks the processors and queries the dead-letter
 * tables afresh.
 */
@Component
public class ProjectionStatuses {

    private final EventProcessingConfiguration processing;

    public ProjectionStatuses(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** One status per group, in the order of {@link ProjectionGroups#ALL}. */
    public List<ProjectionStatus> all() {
        return ProjectionGroups.ALL.stream().map(this::of).toList();
    }

    private ProjectionStatus of(String group) {
        var processor = processing.eventProcessor(group, StreamingEventProcessor.class);
        var queue = processing.deadLetterQueue(group);
        return new ProjectionStatus(group,
                processor.isPresent(),
                processor.map(StreamingEventProcessor::isRunning).orElse(false),
                processor.map(StreamingEventProcessor::isError).orElse(false),
                processor.map(StreamingEventProcessor::isReplaying).orElse(false),
                processor.map(p -> p.processingStatus().size()).orElse(0),
                queue.isPresent(),
                queue.map(q -> q.size()).orElse(0L),
                queue.map(q -> q.amountOfSequences()).orElse(0L));
    }
}
