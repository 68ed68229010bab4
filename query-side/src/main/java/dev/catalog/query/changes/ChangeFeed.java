package dev.catalog.query.changes;

import dev.catalog.events.common.EventTimes;
import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.platform.eventstore.EventStoreTable;
import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Exceptions;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The committed product and image changes, for this instance's subscribers: one reader follows the event store
 * (woken by the {@link CommitDoorbell}, else every {@code poll-interval}) and hands every change to each subscriber
 * it matches, in the store's order, so one entity's changes arrive in version order. Only committed events are in
 * the store, so a subscriber never sees a change that was rolled back. The reader runs while this instance has
 * subscribers; the first one starts it at the head of the store.
 *
 * <p>A subscription may first catch up on what it missed, read from the store itself: every change after a
 * resume token, or a product's changes after a version. Changes committed meanwhile wait (up to
 * {@code max-queued}) and are handed out after the catch-up, without those behind its {@link Seam}: no gap and no
 * duplicate there. A subscriber that falls {@code max-queued} changes behind is ended with
 * {@link SlowSubscriberException}.
 */
public final class ChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
    private static final int BATCH = 500;
    /** How far below the head the first reader start looks for positions not committed yet. */
    private static final int START_WINDOW = 1000;

    private final EventStorageEngine store;
    private final EventStoreTable table;
    private final ChangeFeedProperties properties;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Semaphore wakeUp = new Semaphore(0);
    private final Scheduler delivery = Schedulers.newBoundedElastic(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
            Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE, "change-delivery", 60, true);
    private final Object lock = new Object();
    /** Where the reader is; {@code null} while nobody subscribes. Guarded by {@link #lock}. */
    private TrackingToken position;
    private volatile boolean running;
    private Thread reader;
    /** Test seam: runs once a new subscriber's start is taken, before it is registered, under {@link #lock}. */
    volatile Runnable startTaken = () -> { };

    /** @param reads the pool its own statements on the store's table run on */
    public ChangeFeed(EventStorageEngine store, DataSource reads, ChangeFeedProperties properties,
                      CommitDoorbell doorbell) {
        this.store = store;
        this.table = new EventStoreTable(reads);
        this.properties = properties;
        doorbell.onCommit(() -> {
            if (!subscribers.isEmpty()) { // a reader without subscribers has nothing to read; a new one wakes it
                wakeUp.release();
            }
        });
    }

    /**
     * Changes of one product ({@code id}), or of every product ({@code null}). With {@code afterVersion} (one
     * product only) or {@code resumeAfter} (a {@link ProductChange#resumeToken()}), the changes after that point
     * come first.
     *
     * @throws InvalidResumeException when the token is not one this service issued, or is too far behind
     */
    public Flux<ProductChange> products(Long id, Long afterVersion, String resumeAfter) {
        Predicate<Object> matches = change -> change instanceof ProductChange product && (id == null || product.id() == id);
        CatchUp catchUp;
        if (afterVersion != null) {
            if (id == null) {
                throw new InvalidResumeException("`afterVersion` needs the `id` of the product it counts.");
            }
            if (afterVersion < 0) {
                throw new InvalidResumeException("`afterVersion` must be 0 or more, got " + afterVersion + ".");
            }
            catchUp = new VersionCatchUp(new ProductId(id), afterVersion);
        } else {
            catchUp = resumeAfter == null ? null : tokenCatchUp(resumeAfter);
        }
        return changes(matches, catchUp).cast(ProductChange.class);
    }

    /**
     * Changes of the images of one product ({@code productId}; an image moved away from it included), or of every
     * image ({@code null}); with {@code resumeAfter}, the changes after that point come first.
     *
     * @throws InvalidResumeException when the token is not one this service issued, or is too far behind
     */
    public Flux<ImageChange> images(Long productId, String resumeAfter) {
        Predicate<Object> matches = change -> change instanceof ImageChange image
                && (productId == null || image.concerns(productId));
        return changes(matches, resumeAfter == null ? null : tokenCatchUp(resumeAfter)).cast(ImageChange.class);
    }

    /** Subscribers on this instance now. */
    public int subscriberCount() {
        return subscribers.size();
    }

    private Flux<Object> changes(Predicate<Object> matches, CatchUp catchUp) {
        return Flux.create(sink -> {
                    Subscriber subscriber;
                    // Its start is taken under the lock of the hand-out: a change committed after the start and
                    // handed out before the registration would reach the others and never this one. The reader's
                    // next hand-out waits for this one query.
                    synchronized (lock) {
                        // What is committed now: a subscriber without a catch-up gets only what follows, even from
                        // a reader still behind it.
                        GapAwareTrackingToken now = startPosition();
                        startTaken.run();
                        subscriber = new Subscriber(matches, sink, catchUp, properties.maxQueued(), now);
                        if (position == null) {
                            position = now;
                        }
                        subscribers.add(subscriber);
                    }
                    sink.onDispose(() -> subscribers.remove(subscriber));
                    wakeUp.release();
                    if (catchUp != null) {
                        Thread.ofVirtual().name("change-catch-up").start(() -> subscriber.catchUp(this));
                    }
                }, FluxSink.OverflowStrategy.BUFFER)
                .onBackpressureBuffer(properties.maxQueued(), dropped -> { }, BufferOverflowStrategy.ERROR)
                .onErrorMap(Exceptions::isOverflow, overflow -> new SlowSubscriberException(properties.maxQueued()))
                // Each subscriber's changes are resolved and sent on a thread of their own, not on the reader's.
                .publishOn(delivery, 1);
    }

    private CatchUp tokenCatchUp(String resumeAfter) {
        GapAwareTrackingToken token = ResumeToken.decode(resumeAfter);
        long head = table.head();
        if (head - token.getIndex() > properties.maxCatchUp()) {
            throw new InvalidResumeException("`resumeAfter` is " + (head - token.getIndex())
                    + " events behind; at most " + properties.maxCatchUp()
                    + " can be caught up. Read the current state and subscribe again without it.");
        }
        return new TokenCatchUp(token);
    }

    // ---- the reader

    @Override
    public void start() {
        running = true;
        reader = Thread.ofPlatform().daemon().name("change-feed").start(this::follow);
    }

    @Override
    public void stop() {
        running = false;
        reader.interrupt();
        subscribers.forEach(subscriber -> subscriber.sink.complete());
        delivery.dispose();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void follow() {
        while (running) {
            try {
                TrackingToken from;
                synchronized (lock) {
                    if (subscribers.isEmpty()) {
                        position = null;
                    }
                    from = position;
                }
                List<Delivery> changes = from == null ? List.of() : read(from);
                if (changes.isEmpty()) {
                    wakeUp.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                    continue;
                }
                synchronized (lock) {
                    if (position != null) { // else everybody left while this was read
                        for (Delivery change : changes) {
                            subscribers.forEach(subscriber -> subscriber.live(change));
                        }
                        position = changes.getLast().token();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Cannot read the changes from the event store ({}); trying again in {}", e.getMessage(),
                        properties.pollInterval());
                try {
                    Thread.sleep(properties.pollInterval());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Where the reader starts, and a new subscriber: the head of the store, with the positions of its last
     * {@value #START_WINDOW} that are not committed yet as gaps, so a transaction still in flight there is read when
     * it commits. One in flight further below would be taken as committed before: the window is meant to be far wider
     * than the events in flight at once.
     */
    private GapAwareTrackingToken startPosition() {
        List<Long> recent = table.positionsNearHead(START_WINDOW);
        if (recent.isEmpty()) {
            return GapAwareTrackingToken.newInstance(0, Set.of()); // positions start at 1
        }
        long head = recent.getLast();
        Set<Long> committed = Set.copyOf(recent);
        List<Long> gaps = new ArrayList<>();
        for (long index = Math.max(1, head - START_WINDOW + 1); index < head; index++) {
            if (!committed.contains(index)) {
                gaps.add(index);
            }
        }
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    /** The next changes after {@code from}, at most a batch; every product or image event is one. */
    private List<Delivery> read(TrackingToken from) {
        List<TrackedEventMessage<?>> events;
        try (Stream<? extends TrackedEventMessage<?>> stream = store.readEvents(from, false)) {
            events = stream.limit(BATCH).collect(Collectors.toList());
        }
        return deliveries(events);
    }

    private List<Delivery> deliveries(List<? extends TrackedEventMessage<?>> events) {
        // Where each is, read because a reader's token does not tell it for an event that filled one of its gaps.
        Map<String, EventStoreTable.Placement> stored =
                table.placements(events.stream().map(TrackedEventMessage::getIdentifier).toList());
        List<Delivery> deliveries = new ArrayList<>(events.size());
        for (TrackedEventMessage<?> event : events) {
            GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
            EventStoreTable.Placement row = stored.get(event.getIdentifier());
            Object change = change((DomainEventMessage<?>) event, ResumeToken.encode(token), row.aggregateCreated());
            deliveries.add(new Delivery(change, row.position(), token));
        }
        return deliveries;
    }

    /** The change {@code event} made, or {@code null} for an event that changes no product or image. */
    private static Object change(DomainEventMessage<?> event, String token, Instant created) {
        long version = event.getSequenceNumber() + 1;
        Instant at = EventTimes.stored(event.getTimestamp());
        return switch (event.getPayload()) {
            case ProductCreatedEvent e -> new ProductChange(ChangeKind.CREATED, e.productId().value(), version,
                    new ProductView(e.productId().value(), e.name(), e.price(), e.status(), version, at, at, null), token);
            case ProductUpdatedEvent e -> new ProductChange(ChangeKind.UPDATED, e.productId().value(), version,
                    new ProductView(e.productId().value(), e.name(), e.price(), e.status(), version, created, at, null), token);
            case ProductDeletedEvent e -> new ProductChange(ChangeKind.DELETED, e.productId().value(), version, null, token);
            case ImageCreatedEvent e -> new ImageChange(ChangeKind.CREATED, e.imageId().value(), e.productId().value(),
                    e.productId().value(), version, ImageView.of(e.imageId().value(), e.productId().value(), e.url(),
                    e.priority(), version, at, at, e.file()), token);
            case ImageUpdatedEvent e -> new ImageChange(ChangeKind.UPDATED, e.imageId().value(), e.productId().value(),
                    e.previousProductId().value(), version, new ImageView(e.imageId().value(), e.productId().value(),
                    e.url(), e.priority(), version, created, at), token);
            case ImageDeletedEvent e -> new ImageChange(ChangeKind.DELETED, e.imageId().value(), e.productId().value(),
                    e.productId().value(), version, null, token);
            default -> null;
        };
    }

    // ---- catching up

    /** What a subscriber missed, read from the store, and how to tell a live change it already received. */
    private sealed interface CatchUp permits TokenCatchUp, VersionCatchUp {

        /** Hands {@code deliver} every missed change, in order; returns what tells a change already handed out. */
        Predicate<Delivery> replay(ChangeFeed feed, Consumer<Delivery> deliver);
    }

    /** Every change after a resume token: the store from that position, in batches. */
    private record TokenCatchUp(GapAwareTrackingToken after) implements CatchUp {
        @Override
        public Predicate<Delivery> replay(ChangeFeed feed, Consumer<Delivery> deliver) {
            GapAwareTrackingToken position = after;
            while (true) {
                List<Delivery> batch = feed.read(position);
                if (batch.isEmpty()) {
                    return Seam.at(position)::behind;
                }
                batch.forEach(deliver);
                position = batch.getLast().token();
            }
        }
    }

    /** One product's changes after a version: its own events, in sequence. */
    private record VersionCatchUp(ProductId product, long afterVersion) implements CatchUp {
        @Override
        public Predicate<Delivery> replay(ChangeFeed feed, Consumer<Delivery> deliver) {
            long[] last = {afterVersion};
            List<? extends TrackedEventMessage<?>> events = feed.productEvents(product, afterVersion);
            feed.deliveries(events).forEach(delivery -> {
                deliver.accept(delivery);
                last[0] = ((ProductChange) delivery.change()).version();
            });
            long caughtUp = last[0];
            return delivery -> delivery.change() instanceof ProductChange change && change.version() <= caughtUp;
        }
    }

    /**
     * A product's events from {@code afterVersion} on, as tracked messages: its stream from the store, each with its
     * position (no gaps below it concern this product: its earlier events were committed before it was written).
     */
    private List<? extends TrackedEventMessage<?>> productEvents(ProductId product, long afterVersion) {
        Map<Long, Long> positions = table.positionsBySequence(product.toString(), afterVersion);
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        store.readEvents(product.toString(), afterVersion).asStream()
                .filter(event -> positions.containsKey(event.getSequenceNumber()))
                .forEach(event -> events.add(new GenericTrackedDomainEventMessage<>(
                        GapAwareTrackingToken.newInstance(positions.get(event.getSequenceNumber()), Set.of()), event)));
        return events;
    }

    // ---- one subscriber

    private static final class Subscriber {

        private final Predicate<Object> matches;
        private final FluxSink<Object> sink;
        private final CatchUp catchUp;
        private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
        private final int maxWaiting;
        private boolean catchingUp;
        private Predicate<Delivery> delivered;

        /** @param start the store's position when it subscribed: without a catch-up, nothing behind it is sent */
        Subscriber(Predicate<Object> matches, FluxSink<Object> sink, CatchUp catchUp, int maxWaiting,
                   GapAwareTrackingToken start) {
            this.matches = matches;
            this.sink = sink;
            this.catchUp = catchUp;
            this.maxWaiting = maxWaiting;
            this.catchingUp = catchUp != null;
            if (catchUp == null) {
                delivered = Seam.at(start)::behind;
            }
        }

        synchronized void live(Delivery delivery) {
            if (delivery.change() == null || !matches.test(delivery.change())) {
                return;
            }
            if (catchingUp) {
                if (waiting.size() >= maxWaiting) {
                    catchingUp = false;
                    sink.error(new SlowSubscriberException(maxWaiting));
                } else {
                    waiting.add(delivery);
                }
            } else if (!delivered.test(delivery)) {
                sink.next(delivery.change());
            }
        }

        void catchUp(ChangeFeed feed) {
            try {
                Predicate<Delivery> seen = catchUp.replay(feed, delivery -> {
                    if (delivery.change() != null && matches.test(delivery.change())) {
                        sink.next(delivery.change());
                    }
                });
                synchronized (this) {
                    for (Delivery delivery : waiting) {
                        if (!seen.test(delivery)) {
                            sink.next(delivery.change());
                        }
                    }
                    waiting.clear();
                    delivered = seen;
                    catchingUp = false;
                }
            } catch (RuntimeException e) {
                sink.error(e);
            }
        }
    }
}
