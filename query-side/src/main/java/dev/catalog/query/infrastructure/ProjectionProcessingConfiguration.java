package dev.catalog.query.infrastructure;

import dev.catalog.platform.ProcessingThreads;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Configures how every projection of {@link ProjectionGroups} runs. Lives here (not in the
 * application's yml) so that any application scanning {@code dev.catalog} gets it unchanged.
 *
 * <ul>
 *   <li><b>Pooled streaming processor</b> per group, reading the event store from its start, with
 *       {@code catalog.projections.segments} segments (default 4) and batches of
 *       {@code catalog.projections.batch-size} events (default 100). Segments are claimed through the
 *       token store, so several instances share the work. Its threads ({@link ProcessingThreads}) take their
 *       connections from the processing pool, never from the pools of commands or API reads.</li>
 *   <li><b>Tokens in the same transaction as the views.</b> {@code dev.catalog.platform} provides a
 *       {@code JdbcTokenStore} on connections bound to the Spring transaction and a
 *       {@code SpringTransactionManager}; projections write with {@code JdbcClient} through
 *       {@link ViewWrites}, which joins that transaction. A batch's view rows and its token commit or
 *       roll back together.</li>
 *   <li><b>No event is ever skipped.</b> The listener-invocation error handler is
 *       {@link PropagatingErrorHandler} (Axon's default logs and skips). A failing event goes to the
 *       group's {@link JdbcSequencedDeadLetterQueue} (table {@code deadletterentry}); later events of
 *       the same aggregate queue up behind it, to keep their order; all other aggregates keep
 *       flowing. {@link DeadLetterRetrier} retries the queue periodically. If the queue itself fails,
 *       the error reaches the processor, which stops the batch and retries it with back-off.</li>
 *   <li><b>Replays.</b> Resetting a processor's tokens runs the projections' reset handlers (which
 *       empty their view) and clears the group's dead letters, so the replay rebuilds both.</li>
 * </ul>
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
public class ProjectionProcessingConfiguration {

    /** Registers processors, error handling and dead-letter queues of every projection group. */
    @Bean
    public ConfigurerModule projectionProcessorsConfigurerModule(ProjectionProperties properties,
                                                                 ConnectionProvider connectionProvider,
                                                                 ProcessingThreads threads) {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : ProjectionGroups.ALL) {
                configure(processing, group, properties, connectionProvider, threads);
            }
        });
    }

    private static void configure(EventProcessingConfigurer processing, String group, ProjectionProperties properties,
                                  ConnectionProvider connectionProvider, ProcessingThreads threads) {
        processing
                .registerPooledStreamingEventProcessor(
                        group,
                        Configuration::eventStore,
                        (config, builder) -> threads.apply(builder
                                .initialSegmentCount(properties.segments())
                                .batchSize(properties.batchSize())))
                .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                .registerDeadLetterQueue(group, config -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connectionProvider)
                        .transactionManager(config.getComponent(TransactionManager.class))
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(config.serializer())
                        .eventSerializer(config.eventSerializer())
                        .build())
                // A reset must also forget the dead letters: the replay meets those events again.
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (config, builder) -> builder.allowReset(true));
    }
}
