package dev.catalog.query.infrastructure;

import dev.catalog.query.image.ImageViewProjection;
import dev.catalog.query.product.ProductViewProjection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the views from the events: empties them (the projections' reset handlers) and replays every stored
 * event through the same handlers that keep them current, {@value #BATCH} events per transaction, until it
 * reaches the head of the store.
 *
 * <p>In place: while it runs, queries see the views being refilled. Commands may go on meanwhile; their inline
 * writes and the replay's are version-guarded upserts, so the views end equal to the events either way.
 */
@Component
public class ViewReplay {

    private static final Logger log = LoggerFactory.getLogger(ViewReplay.class);
    static final int BATCH = 1000;

    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final List<EventMessageHandler> projections;

    public ViewReplay(EventStore eventStore, PlatformTransactionManager transactionManager,
                      ProductViewProjection products, ImageViewProjection images) {
        this.eventStore = eventStore;
        this.transaction = new TransactionTemplate(transactionManager);
        this.projections = List.of(new AnnotationEventHandlerAdapter(products), new AnnotationEventHandlerAdapter(images));
    }

    /**
     * Empties the views and replays every event into them.
     *
     * @return the number of events replayed
     */
    public long rebuild() throws Exception {
        transaction.executeWithoutResult(status -> projections.forEach(EventMessageHandler::prepareReset));
        long replayed = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            boolean more = true;
            while (more) {
                int[] batch = {0};
                more = Boolean.TRUE.equals(transaction.execute(status -> {
                    try {
                        while (batch[0] < BATCH && stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                            TrackedEventMessage<?> event = stream.nextAvailable();
                            for (EventMessageHandler projection : projections) {
                                if (projection.canHandle(event)) {
                                    projection.handle(event);
                                }
                            }
                            batch[0]++;
                        }
                        return batch[0] == BATCH;
                    } catch (Exception e) {
                        throw new IllegalStateException("Replaying the views failed", e);
                    }
                }));
                replayed += batch[0];
            }
        }
        log.info("Rebuilt the views from {} events", replayed);
        return replayed;
    }
}
