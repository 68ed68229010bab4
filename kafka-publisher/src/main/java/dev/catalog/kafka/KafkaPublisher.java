package dev.catalog.kafka;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every domain event to the topic, keyed by its aggregate ({@link CatalogCloudEvents#subject}). Each batch
 * of the processor is one Kafka transaction, committed just before the batch's database transaction (and with it
 * the processor's position): a batch that fails anywhere (Kafka unreachable, a send refused, the database) is
 * aborted in Kafka, so {@code read_committed} consumers never see it, and retried later from the same position.
 * Only a failure after Kafka committed and before the database did publishes a batch twice, in the same order and
 * with the same CloudEvent ids: at least once, never out of order.
 *
 * <p>One transaction at a time: the processor runs one segment ({@link KafkaPublisherAutoConfiguration}), so one
 * instance publishes at a time. A failed producer is closed; the next batch gets a new one with the same
 * transactional id, which fences the old one and aborts what it left open.
 */
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);
    private static final String TRANSACTION = KafkaPublisher.class.getName() + ".transaction";

    private final Supplier<Producer<String, CloudEvent>> producers;
    private final CatalogCloudEvents cloudEvents;
    private final TopicInitializer topic;
    private final String topicName;
    private Producer<String, CloudEvent> producer;

    KafkaPublisher(Supplier<Producer<String, CloudEvent>> producers, CatalogCloudEvents cloudEvents,
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
            Producer<String, CloudEvent> transactional = begin();
            batch.onPrepareCommit(unitOfWork -> commit(transactional));
            batch.onRollback(unitOfWork -> abort(transactional));
            return transactional;
        });
    }

    private synchronized Producer<String, CloudEvent> begin() {
        try {
            if (producer == null) {
                producer = producers.get();
                producer.initTransactions();
            }
            producer.beginTransaction();
            return producer;
        } catch (RuntimeException e) {
            discard();
            throw new KafkaUnavailableException("Could not begin a Kafka transaction: " + e.getMessage(), e);
        }
    }

    private synchronized void commit(Producer<String, CloudEvent> transactional) {
        try {
            transactional.commitTransaction();
        } catch (RuntimeException e) {
            discard();
            throw new KafkaUnavailableException("Kafka did not commit the batch: " + e.getMessage(), e);
        }
    }

    private synchronized void abort(Producer<String, CloudEvent> transactional) {
        if (transactional != producer) {
            return; // already discarded by a failed commit
        }
        try {
            transactional.abortTransaction();
        } catch (RuntimeException e) {
            log.debug("Could not abort the Kafka transaction; the next producer fences it", e);
            discard();
        }
    }

    /** Closes the current producer without waiting: what it had not sent fails, its transaction is left to fencing. */
    private void discard() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                log.debug("Closing a failed Kafka producer failed", e);
            }
            producer = null;
        }
    }

    /** Closes the producer with the application. */
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
