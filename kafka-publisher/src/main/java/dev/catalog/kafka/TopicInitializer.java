package dev.catalog.kafka;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topic when it is missing, once per process, before the first event is sent: not at start-up, so
 * the service starts (and takes writes) while Kafka is unreachable. A failure fails the batch, which is retried.
 */
class TopicInitializer {

    private final Admin admin;
    private final KafkaPublisherProperties properties;
    private volatile boolean ready;

    TopicInitializer(Admin admin, KafkaPublisherProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    void ensureExists() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            long timeout = properties.acknowledgeTimeout().toMillis();
            try {
                if (!admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS).contains(properties.topic())) {
                    NewTopic topic = new NewTopic(properties.topic(), Optional.of(properties.partitions()), Optional.empty());
                    admin.createTopics(List.of(topic)).all().get(timeout, TimeUnit.MILLISECONDS);
                }
                ready = true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    ready = true; // created meanwhile by another instance
                } else {
                    throw new KafkaUnavailableException("Could not create topic " + properties.topic() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException("Kafka did not answer within " + timeout + " ms", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("Interrupted while creating topic " + properties.topic(), e);
            }
        }
    }
}
