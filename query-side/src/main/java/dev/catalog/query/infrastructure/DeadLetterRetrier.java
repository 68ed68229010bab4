package dev.catalog.query.infrastructure;

import dev.catalog.platform.database.Workload;
import dev.catalog.platform.processing.ProcessingProperties;
import dev.catalog.platform.roles.InstanceRoles;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Retries the dead letters of every asynchronous event processor that has a dead-letter queue, every
 * {@code catalog.processing.dead-letter-retry-interval} (default 30 s).
 *
 * <p>Each round offers every parked sequence (aggregate) one retry, oldest first. A sequence that
 * succeeds leaves the queue, together with the events queued behind it; one that fails again goes
 * back with its "last touched" time updated. The queue claims a sequence before processing it, so
 * several instances may run this at once. Runs on its own thread (no {@code @EnableScheduling}
 * needed) and starts after the event processors.
 */
@Component
public class DeadLetterRetrier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetrier.class);

    private final EventProcessingConfiguration processing;
    private final ProcessingProperties properties;
    private final InstanceRoles roles;
    private ScheduledExecutorService executor;

    public DeadLetterRetrier(EventProcessingConfiguration processing, ProcessingProperties properties,
                             InstanceRoles roles) {
        this.processing = processing;
        this.properties = properties;
        this.roles = roles;
    }

    /**
     * Runs one retry round over all dead-letter queues now, on the caller's thread.
     *
     * @return the number of sequences processed successfully
     */
    public int retryAll() {
        int succeeded = 0;
        for (String group : processing.eventProcessors().keySet()) {
            succeeded += retry(group);
        }
        return succeeded;
    }

    /**
     * Runs one retry round over one processor's dead letters now, on the caller's thread.
     *
     * @return the number of sequences processed successfully; 0 for a processor without dead letters
     */
    public int retry(String group) {
        var queue = processing.deadLetterQueue(group);
        var processor = processing.sequencedDeadLetterProcessor(group);
        if (queue.isEmpty() || processor.isEmpty()) {
            return 0;
        }
        int succeeded = 0;
        try {
            // Bounded by the number of sequences: a letter that fails again is requeued at the back,
            // and an unbounded loop would keep picking it.
            long sequences = queue.get().amountOfSequences();
            for (long i = 0; i < sequences; i++) {
                if (processor.get().processAny()) {
                    succeeded++;
                }
            }
            if (sequences > 0) {
                log.info("Dead letters of {}: {} of {} sequences processed successfully", group, succeeded, sequences);
            }
        } catch (RuntimeException e) {
            log.warn("Retrying the dead letters of {} failed; next round in {}", group,
                     properties.deadLetterRetryInterval(), e);
        }
        return succeeded;
    }

    /** The periodic rounds run on the instances with the processors role; {@link #retryAll()} runs anywhere. */
    @Override
    public synchronized void start() {
        if (!roles.runsProcessors()) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Workload.PROCESSING.threadFactory("dead-letter-retrier"));
        long interval = properties.deadLetterRetryInterval().toMillis();
        executor.scheduleWithFixedDelay(this::retryAll, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        // After Axon's event processors (which start late in the lifecycle), stopped before them.
        return Integer.MAX_VALUE - 100;
    }
}
