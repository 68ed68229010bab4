package dev.catalog.command.infrastructure;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.lifecycle.Phase;

/**
 * Axon's embedded event store, with streams that tell pooled streaming processors when to look again.
 *
 * <p>Why: a {@code PooledStreamingEventProcessor} whose stream does not support
 * {@link TrackingEventStream#setOnAvailableCallback} re-polls only every 500 ms when caught up, so the
 * asynchronous processors (the image cascade) would lag half a second behind every write. Here they are
 * woken on every {@code wakeInterval} tick, and the store's producer polls the database every
 * {@code fetchDelay}.
 *
 * <p>Not on every commit: each wake-up makes the producer read the events table again (and look for gaps), in
 * transactions of their own. Woken per commit, that cost about three extra reads of the store per write, more
 * than the write itself; woken per tick, a burst of writes is read in one batch.
 */
final class PromptEventStore extends EmbeddedEventStore {

    private final Set<Runnable> wakeUps = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-store-wake-up");
        thread.setDaemon(true);
        return thread;
    });

    private final ProducerThreads producers;

    /** @param producerThreads where the store's producer reads the events, on threads of this factory */
    PromptEventStore(Builder builder, ThreadFactory producerThreads, Duration wakeInterval) {
        this(builder, new ProducerThreads(producerThreads), wakeInterval);
    }

    private PromptEventStore(Builder builder, ProducerThreads producers, Duration wakeInterval) {
        super(builder.threadFactory(producers));
        this.producers = producers;
        long interval = wakeInterval.toMillis();
        clock.scheduleWithFixedDelay(this::wakeUp, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new WakingStream(super.openStream(trackingToken));
    }

    /**
     * Ends the tracked reads before the processors stop: a processor catching up (on the producer, or on a stream of
     * its own when it lags behind the cached events) would otherwise read batch after batch through its stop, past
     * Axon's phase timeout and into the closing of the connection pools.
     */
    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        super.registerLifecycleHandlers(lifecycle);
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS + 1, () -> {
            if (storageEngine() instanceof PostgresEventStorageEngine engine) {
                engine.stopTrackedReads();
            }
        });
    }

    /**
     * Stops the producer and waits for its read under way: Axon's only asks it to stop, and a read that outlives the
     * stop fails on a connection pool that the context closes next, an error in the log of every graceful stop.
     */
    @Override
    public void shutDown() {
        clock.shutdownNow();
        super.shutDown();
        producers.awaitEnd(Duration.ofSeconds(10));
    }

    /** The producer's threads, kept so that a stop can wait for them. */
    private static final class ProducerThreads implements ThreadFactory {

        private final ThreadFactory factory;
        private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        private ProducerThreads(ThreadFactory factory) {
            this.factory = factory;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = factory.newThread(runnable);
            threads.add(thread);
            return thread;
        }

        void awaitEnd(Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            for (Thread thread : threads) {
                try {
                    thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void wakeUp() {
        wakeUps.forEach(Runnable::run);
    }

    /** Delegates to the store's stream; keeps the processor's callback while the stream is open. */
    private final class WakingStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private WakingStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                wakeUps.remove(previous);
            }
            this.callback = callback;
            wakeUps.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable current = callback;
            if (current != null) {
                wakeUps.remove(current);
            }
            delegate.close();
        }
    }
}
