package dev.catalog.query;

import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.ProductUpdatedEvent;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends events to the real Axon event store the way the command side's aggregates do: aggregate
 * type {@code Product}/{@code Image}, identifier {@code product-N}/{@code image-N}, sequence numbers
 * from 0 per aggregate, one transaction per event (as a command has), in which the inline projections write
 * the views. Hands out fresh ids, so tests sharing one database never collide.
 */
@Component
public class Events {

    private static final AtomicLong IDS = new AtomicLong();

    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    public Events(EventStore eventStore, PlatformTransactionManager transactionManager) {
        this.eventStore = eventStore;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public static long newId() {
        return IDS.incrementAndGet();
    }

    public long createProduct(String name, String price, ProductStatus status) {
        long id = newId();
        publish("Product", new ProductId(id).toString(),
                new ProductCreatedEvent(new ProductId(id), name, new BigDecimal(price), status));
        return id;
    }

    public void updateProduct(long id, String name, String price, ProductStatus status) {
        publish("Product", new ProductId(id).toString(),
                new ProductUpdatedEvent(new ProductId(id), name, new BigDecimal(price), status));
    }

    public void deleteProduct(long id) {
        publish("Product", new ProductId(id).toString(), new ProductDeletedEvent(new ProductId(id)));
    }

    public long createImage(long productId, String url, int priority) {
        long id = newId();
        publish("Image", new ImageId(id).toString(),
                new ImageCreatedEvent(new ImageId(id), new ProductId(productId), url, priority));
        return id;
    }

    public void updateImage(long id, long productId, long previousProductId, String url, int priority) {
        publish("Image", new ImageId(id).toString(), new ImageUpdatedEvent(
                new ImageId(id), new ProductId(productId), new ProductId(previousProductId), url, priority));
    }

    public void deleteImage(long id, long productId) {
        publish("Image", new ImageId(id).toString(), new ImageDeletedEvent(new ImageId(id), new ProductId(productId)));
    }

    /**
     * Appends one event to the aggregate's stream, with the next sequence number, in a transaction of its own.
     * When a projection fails, the transaction rolls back, the exception is thrown, and the sequence number
     * stays free.
     */
    public void publish(String aggregateType, String aggregateId, Object payload) {
        AtomicLong sequences = this.sequences.computeIfAbsent(aggregateId, id -> new AtomicLong());
        synchronized (sequences) {
            transaction.executeWithoutResult(status -> eventStore.publish(
                    new GenericDomainEventMessage<>(aggregateType, aggregateId, sequences.get(), payload)));
            sequences.incrementAndGet();
        }
    }
}
