package dev.catalog.query.infrastructure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import dev.catalog.platform.processing.ProcessorLag;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Per asynchronous processor, tagged {@code processor}: {@code catalog.processor.lag} in events ({@link ProcessorLag};
 * NaN when this instance holds none of its segments) and {@code catalog.processor.lag.seconds} (how long ago the
 * oldest event it has not handled was stored), {@code catalog.processor.position} (whose rate is the processing
 * rate) and {@code catalog.processor.dead.letters} (parked events, all instances). The inline view projections have
 * no lag: they are written with the commands; per view, tagged {@code projection}, its rebuild
 * ({@link ViewRebuild}): {@code catalog.projection.rebuild.progress} (0 to 1; 1 once switched; NaN before the first)
 * and {@code catalog.projection.rebuild.events} (events read, whose rate is the rebuild's speed).
 */
@Component
public class EventProcessorMetrics implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final EventLog eventLog;
    private final ViewRebuild rebuild;

    public EventProcessorMetrics(@Lazy EventProcessingConfiguration processing, @Lazy EventStore eventStore,
                                 EventLog eventLog, @Lazy ViewRebuild rebuild) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.eventLog = eventLog;
        this.rebuild = rebuild;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (var processor : processing.eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming) {
                String name = processor.getName();
                Gauge.builder("catalog.processor.lag", streaming, this::lag)
                        .description("Events between the head of the store and this instance's segments of the processor")
                        .baseUnit("events").tag("processor", name).register(registry);
                Gauge.builder("catalog.processor.lag.seconds", streaming, this::lagSeconds)
                        .description("How long ago the oldest event this instance's segments of the processor have not "
                                + "handled was stored; 0 when they are at the head")
                        .baseUnit("seconds").tag("processor", name).register(registry);
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
        for (String projection : ProjectionGroups.ALL) {
            Gauge.builder("catalog.projection.rebuild.progress", () -> rebuild.progress(projection)
                            .map(p -> p.inProgress() ? (double) p.position() / Math.max(1, p.head()) : 1.0)
                            .orElse(Double.NaN))
                    .description("How far the rebuild of the view is, 0 to 1 (1 once switched); NaN before the first")
                    .tag("projection", projection).register(registry);
            Gauge.builder("catalog.projection.rebuild.events", () -> rebuild.progress(projection)
                            .map(p -> (double) p.eventsDone()).orElse(Double.NaN))
                    .description("Events read by the view's rebuild in progress, or by its last one; the rate is its speed")
                    .baseUnit("events").tag("projection", projection).register(registry);
        }
    }

    private double lagSeconds(StreamingEventProcessor processor) {
        OptionalLong position = ProcessorLag.position(processor);
        if (position.isEmpty()) {
            return Double.NaN;
        }
        return eventLog.storedAfter(position.getAsLong())
                .map(stored -> Math.max(0, Duration.between(stored, Instant.now()).toMillis() / 1000.0))
                .orElse(0.0);
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
