package dev.catalog.query.infrastructure;

import dev.catalog.platform.processing.ProcessorLag;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * How fast each asynchronous processor moves through the store on this instance: its lowest segment position is
 * sampled every {@value #PERIOD_SECONDS} s, and the rate is the events it moved over the last period, per second.
 */
@Component
public class ProcessorRates implements SmartLifecycle {

    static final long PERIOD_SECONDS = 5;

    private record Sample(long position, long nanos) {
    }

    private final EventProcessingConfiguration processing;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();
    private final Map<String, Double> rates = new ConcurrentHashMap<>();
    private ScheduledExecutorService sampler;

    public ProcessorRates(@Lazy EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Events per second over the last period; empty for an inline projection or before two samples. */
    public OptionalDouble of(String processor) {
        Double rate = rates.get(processor);
        return rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate);
    }

    private void sample() {
        long now = System.nanoTime();
        processing.eventProcessors().forEach((name, processor) -> {
            if (!(processor instanceof StreamingEventProcessor streaming)) {
                return;
            }
            OptionalLong position = ProcessorLag.position(streaming);
            if (position.isEmpty()) {
                samples.remove(name);
                rates.remove(name);
                return;
            }
            Sample previous = samples.put(name, new Sample(position.getAsLong(), now));
            if (previous != null && now > previous.nanos()) {
                rates.put(name, Math.max(0, position.getAsLong() - previous.position()) * 1e9 / (now - previous.nanos()));
            }
        });
    }

    @Override
    public void start() {
        sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "processor-rates");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                // a processor shutting down; the next sample tries again
            }
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        sampler.shutdownNow();
        sampler = null;
    }

    @Override
    public boolean isRunning() {
        return sampler != null;
    }
}
