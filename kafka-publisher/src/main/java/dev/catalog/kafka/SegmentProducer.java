package dev.catalog.kafka;

import io.cloudevents.CloudEvent;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional producer of one segment of the publisher: one transaction at a time, that segment's batch. Its
 * transactional id is the segment's, the same on every instance ({@link KafkaPublisherAutoConfiguration}), so the
 * first producer of an instance that claims the segment (a new one after a failure here, the next holder, the
 * service restarted after a crash) fences the previous one and aborts what it left open.
 */
final class SegmentProducer {

    private static final Logger log = LoggerFactory.getLogger(SegmentProducer.class);

    private final Supplier<Producer<String, CloudEvent>> producers;
    private Producer<String, CloudEvent> producer;

    SegmentProducer(Supplier<Producer<String, CloudEvent>> producers) {
        this.producers = producers;
    }

    synchronized Producer<String, CloudEvent> begin() {
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

    synchronized void commit(Producer<String, CloudEvent> transactional) {
        try {
            transactional.commitTransaction();
        } catch (RuntimeException e) {
            discard();
            throw new KafkaUnavailableException("Kafka did not commit the batch: " + e.getMessage(), e);
        }
    }

    synchronized void abort(Producer<String, CloudEvent> transactional) {
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

    /** Closes the producer without waiting: what it had not sent fails, its transaction is left to fencing. */
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

    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
