package dev.catalog.query.infrastructure;

import java.util.Comparator;
import dev.catalog.platform.processing.ProcessorLag;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads the state of every event processor of this instance, for the health indicator and the administrative
 * API: the inline view projections first ({@link ProjectionGroups#ALL} order), then the asynchronous processors
 * by name. Each call asks the processors and queries the dead-letter tables afresh.
 */
@Component
public class ProcessorStatuses {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public ProcessorStatuses(EventProcessingConfiguration processing, @Lazy EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<ProcessorStatus> all() {
        return processing.eventProcessors().values().stream()
                .sorted(Comparator.comparing((EventProcessor processor) -> order(processor.getName()))
                        .thenComparing(EventProcessor::getName))
                .map(this::of)
                .toList();
    }

    private static int order(String name) {
        int view = ProjectionGroups.ALL.indexOf(name);
        return view < 0 ? ProjectionGroups.ALL.size() : view;
    }

    private ProcessorStatus of(EventProcessor processor) {
        var queue = processing.deadLetterQueue(processor.getName());
        var streaming = processor instanceof StreamingEventProcessor s ? s : null;
        return new ProcessorStatus(processor.getName(),
                processor instanceof SubscribingEventProcessor,
                processor.isRunning(),
                processor.isError(),
                streaming != null && streaming.isReplaying(),
                streaming != null && streaming.processingStatus().values().stream().anyMatch(segment -> !segment.isCaughtUp()),
                streaming == null ? 0 : streaming.processingStatus().size(),
                queue.map(q -> q.size()).orElse(0L),
                queue.map(q -> q.amountOfSequences()).orElse(0L),
                lag(streaming));
    }

    private Long lag(StreamingEventProcessor streaming) {
        if (streaming == null) {
            return null;
        }
        OptionalLong lag = ProcessorLag.of(streaming, eventStore);
        return lag.isPresent() ? lag.getAsLong() : null;
    }
}
