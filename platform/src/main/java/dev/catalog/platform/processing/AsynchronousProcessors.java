package dev.catalog.platform.processing;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;

/**
 * Registers an asynchronous event processor the way every one of the catalog runs:
 * <ul>
 *   <li>a pooled streaming processor reading the event store from its start, with
 *       {@link ProcessingProperties} segments and batches, on {@link ProcessingThreads} (so in the processing
 *       connection pool); segments are claimed through the token store, each instance with the processors role
 *       up to its share ({@link ProcessingNodes}), so instances share the work;</li>
 *   <li>its tokens commit in the same transaction as what its handlers write (Spring's transaction manager);</li>
 *   <li>no event is ever skipped: handler errors propagate (Axon's default logs and skips) into a JDBC
 *       dead-letter queue ({@code deadletterentry}); a failing event is parked with the later events of the
 *       same aggregate, to keep their order, while other aggregates keep flowing. Parked events are retried
 *       periodically; a reset (a replay) forgets them.</li>
 * </ul>
 */
public final class AsynchronousProcessors {

    private AsynchronousProcessors() {
    }

    public static void register(EventProcessingConfigurer processing, String group, ProcessingProperties properties,
                                ProcessingThreads threads, ProcessingNodes nodes, ConnectionProvider connectionProvider) {
        processing
                .registerPooledStreamingEventProcessor(
                        group,
                        Configuration::eventStore,
                        (config, builder) -> nodes.apply(threads.apply(builder
                                .initialSegmentCount(properties.segments())
                                .batchSize(properties.batchSize()))))
                .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                .registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connectionProvider)
                        .transactionManager(config.getComponent(TransactionManager.class))
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(config.serializer())
                        .eventSerializer(config.eventSerializer())
                        .build())
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, builder) -> builder.allowReset(true));
    }
}
