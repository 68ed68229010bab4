package dev.catalog.kafka;

import dev.catalog.platform.processing.ProcessingProperties;
import dev.catalog.platform.processing.ProcessingNodes;
import dev.catalog.platform.processing.ProcessingThreads;
import dev.catalog.platform.processing.ProcessorLagLimit;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * The Kafka publisher, when {@code catalog.kafka.bootstrap-servers} is set: transactional, idempotent producers
 * with {@code acks=all}, the {@code kafka-publisher} processor (a pooled streaming processor from the start of the
 * store, on processing threads, whose failures propagate and are retried, never parked or skipped), its lag as a
 * health component, and its readiness limit (the metric is every processor's {@code catalog.processor.lag}).
 */
@AutoConfiguration
@ConditionalOnExpression("!'${catalog.kafka.bootstrap-servers:}'.isBlank()")
@EnableConfigurationProperties(KafkaPublisherProperties.class)
public class KafkaPublisherAutoConfiguration {

    @Bean(destroyMethod = "close")
    Admin kafkaPublisherAdmin(KafkaPublisherProperties properties) {
        Map<String, Object> config = clientConfig(properties);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "catalog-kafka-publisher-admin");
        return Admin.create(config);
    }

    @Bean(destroyMethod = "close")
    KafkaPublisher kafkaPublisher(Admin admin, KafkaPublisherProperties properties,
                                  @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new KafkaPublisher(segment -> producer(properties, transactionalId(properties, segment)),
                new CatalogCloudEvents(properties.source(), eventSerializer), new TopicInitializer(admin, properties),
                properties.topic());
    }

    /**
     * The segment's, the same on every instance and after a restart: a segment is claimed by one instance at a time,
     * and the producer of the one that claims it next fences its predecessor's and aborts the transaction that one
     * left open (a crash), rather than leaving {@code read_committed} consumers waiting for
     * {@code transaction.timeout.ms}. Named after the topic: one catalog per topic.
     */
    static String transactionalId(KafkaPublisherProperties properties, int segment) {
        return "catalog-kafka-publisher-" + properties.topic() + "-" + segment;
    }

    /** A transactional, idempotent producer with {@code acks=all}, giving up within the acknowledge timeout. */
    private static Producer<String, CloudEvent> producer(KafkaPublisherProperties properties, String transactionalId) {
        Map<String, Object> config = clientConfig(properties);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "catalog-kafka-publisher");
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long acknowledge = properties.acknowledgeTimeout().toMillis();
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, acknowledge);
        int request = (int) Math.max(1_000L, acknowledge / 3);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(acknowledge, request + 5L));
        CloudEventSerializer values = new CloudEventSerializer();
        values.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /**
     * One segment, whatever {@code catalog.processing.segments} says: a Kafka transaction per batch, one batch at a
     * time, so one instance publishes at a time (the others take over through the token store).
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessing(ProcessingProperties processing, ProcessingThreads threads,
                                              ProcessingNodes nodes) {
        return configurer -> configurer.eventProcessing(events -> events
                .registerPooledStreamingEventProcessor(KafkaPublisher.PROCESSING_GROUP, Configuration::eventStore,
                        (config, builder) -> nodes.apply(threads.apply(builder
                                .initialSegmentCount(1)
                                .batchSize(processing.batchSize()))))
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }

    @Bean
    PublisherLag kafkaPublisherLag(@Lazy EventProcessingConfiguration processing, @Lazy EventStore eventStore) {
        return new PublisherLag(processing, eventStore);
    }

    @Bean("kafkaPublisherHealthIndicator")
    PublisherHealthIndicator kafkaPublisherHealthIndicator(PublisherLag lag, KafkaPublisherProperties properties) {
        return new PublisherHealthIndicator(lag, properties);
    }

    /**
     * The publisher's lag is judged against {@code catalog.kafka.readiness-max-lag} only, never the general
     * {@code catalog.processing.readiness-max-lag}: unset, a Kafka outage leaves the instance ready (ADR 17).
     */
    @Bean
    ProcessorLagLimit kafkaPublisherLagLimit(KafkaPublisherProperties properties) {
        Long maxLag = properties.readinessMaxLag();
        return new ProcessorLagLimit(KafkaPublisher.PROCESSING_GROUP,
                maxLag == null ? OptionalLong.empty() : OptionalLong.of(maxLag));
    }

    /** The bootstrap servers, then the settings passed through ({@code catalog.kafka.properties.*}). */
    private static Map<String, Object> clientConfig(KafkaPublisherProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.properties());
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers());
        return config;
    }
}
