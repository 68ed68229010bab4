package dev.catalog.kafka;

import io.cloudevents.CloudEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Sends every domain event to the topic, keyed by its aggregate ({@link CatalogCloudEvents#subject}). Each batch
 * of the processor is one Kafka transaction, committed just before the batch's database transaction (and with it
 * the processor's position): a batch that fails anywhere (Kafka unreachable, a send refused, the database) is
 * aborted in Kafka, so {@code read_committed} consumers never see it, and retried later from the same position.
 * Only a failure after Kafka committed and before the database did publishes a batch twice, in the same order and
 * with the same CloudEvent ids: at least once, never out of order.
 *
 * <p>A batch belongs to one segment of the processor's token, which one instance claims at a time, and is published
 * by that segment's producer ({@link SegmentProducer}), whose transactional id is the segment's. The processor runs
 * one segment ({@link KafkaPublisherAutoConfiguration}), so one instance publishes at a time.
 */
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String TRANSACTION = KafkaPublisher.class.getName() + ".transaction";
    /** Where Axon's pooled streaming processor puts the segment of the batch it runs. */
    private static final String SEGMENT = "Processor[" + PROCESSING_GROUP + "]/SegmentId";

    private final IntFunction<Producer<String, CloudEvent>> producers;
    private final CatalogCloudEvents cloudEvents;
    private final TopicInitializer topic;
    private final String topicName;
    private final Map<Integer, SegmentProducer> segments = new ConcurrentHashMap<>();

    KafkaPublisher(IntFunction<Producer<String, CloudEvent>> producers, CatalogCloudEvents cloudEvents,
                   TopicInitializer topic, String topicName) {
        this.producers = producers;
        this.cloudEvents = cloudEvents;
        this.topic = topic;
        this.topicName = topicName;
    }

    @EventHandler
    void publish(Object event, DomainEventMessage<?> message) {
        CloudEvent cloudEvent = cloudEvents.of(message);
        Producer<String, CloudEvent> transaction = transaction();
        transaction.send(new ProducerRecord<>(topicName, cloudEvent.getSubject(), cloudEvent));
    }

    /** The Kafka transaction of the current batch, begun by its first event, ended with the batch. */
    private Producer<String, CloudEvent> transaction() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(TRANSACTION, key -> {
            topic.ensureExists();
            SegmentProducer segment = segments.computeIfAbsent(segmentOf(batch),
                    id -> new SegmentProducer(() -> producers.apply(id)));
            Producer<String, CloudEvent> transactional = segment.begin();
            batch.onPrepareCommit(unitOfWork -> segment.commit(transactional));
            batch.onRollback(unitOfWork -> segment.abort(transactional));
            return transactional;
        });
    }

    private static int segmentOf(UnitOfWork<?> batch) {
        Integer segment = batch.getResource(SEGMENT);
        if (segment == null) {
            throw new IllegalStateException("Not in a batch of the " + PROCESSING_GROUP + " processor: no " + SEGMENT);
        }
        return segment;
    }

    /** Closes the producers with the application. */
    void close() {
        segments.values().forEach(SegmentProducer::close);
    }
}
