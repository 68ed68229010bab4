package dev.catalog.platform.processing;

import dev.catalog.platform.database.Workload;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.beans.factory.DisposableBean;

/**
 * The threads of asynchronous event processing: every thread made here works in the {@link Workload#PROCESSING}
 * connection pool, so processors never compete with commands or API reads for connections. Executors are shut
 * down with the application context, after Axon has stopped the processors.
 */
public class ProcessingThreads implements DisposableBean {

    /** Worker threads of a pooled streaming processor; Axon's own default. */
    private static final int WORKERS = 4;

    private final List<ScheduledExecutorService> executors = new CopyOnWriteArrayList<>();

    /** Puts a pooled streaming processor's coordinator and workers on processing threads. */
    public PooledStreamingEventProcessor.Builder apply(PooledStreamingEventProcessor.Builder builder) {
        return builder
                .coordinatorExecutor(name -> executor("Coordinator[" + name + "]", 1))
                .workerExecutor(name -> executor("WorkPackage[" + name + "]", WORKERS));
    }

    /** A scheduled executor on processing threads named {@code prefix-N}. */
    public ScheduledExecutorService executor(String prefix, int threads) {
        ScheduledExecutorService executor = Executors.newScheduledThreadPool(threads,
                Workload.PROCESSING.threadFactory(prefix));
        executors.add(executor);
        return executor;
    }

    @Override
    public void destroy() {
        executors.forEach(ScheduledExecutorService::shutdownNow);
    }
}
