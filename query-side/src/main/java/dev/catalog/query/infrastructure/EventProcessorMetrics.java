package dev.catalog.query.infrastructure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.catalog.platform.processing.ProcessorLag;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Per asynchronous processor, tagged {@code processor}: {@code catalog.processor.lag} ({@link ProcessorLag}; NaN
 * when this instance holds none of its segments), {@code catalog.processor.position} (whose rate is the processing
 * rate) and
 * {@code catalog.processor.dead.letters} (parked events, all instances). The inline view projections have no lag:
 * they are written with the commands.
 */
@Component
public class EventProcessorMetrics implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public EventProcessorMetrics(@Lazy EventProcessingConfiguration processing, @Lazy EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                String name = processor.getName();
                Gauge.builder("catalog.processor.lag", streaming, this::lag)
                        .description("Events between the head of the store and this instance's segments of the processor")
                        .baseUnit("events").tag("processor", name).register(registry);
                Gauge.builder("catalog.processor.position", streaming, this::position)
                        .description("The lowest position of this instance's segments of the processor; its rate is the "
                                + "processing rate")
                        .tag("processor", name).register(registry);
                Gauge.builder("catalog.processor.dead.letters", processing,
                                config -> config.deadLetterQueue(name).map(queue -> (double) queue.size()).orElse(0.0))
                        .description("Events the processor parked after they failed, on all instances")
                        .tag("processor", name).register(registry);
            }
        }
    }

    private double position(StreamingEventProcessor processor) {
        OptionalLong position = ProcessorLag.position(processor);
        return position.isPresent() ? position.getAsLong() : Double.NaN;
    }

    private double lag(StreamingEventProcessor processor) {
        OptionalLong lag = ProcessorLag.of(processor, eventStore);
        return lag.isPresent() ? lag.getAsLong() : Double.NaN;
    }
}
