package dev.catalog.command.infrastructure;

import dev.catalog.events.common.ChangeOrigin;
import dev.catalog.command.image.Image;
import dev.catalog.command.image.ImageUrls;
import dev.catalog.command.image.ProductImageCascade;
import dev.catalog.command.product.Product;
import dev.catalog.platform.processing.AsynchronousProcessors;
import dev.catalog.command.restore.EventImport;
import dev.catalog.platform.processing.ProcessingProperties;
import dev.catalog.platform.processing.ProcessingNodes;
import dev.catalog.platform.processing.ProcessingThreads;
import dev.catalog.platform.database.PendingWrites;
import dev.catalog.platform.database.Workload;
import javax.sql.DataSource;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

/**
 * The command side, assembled: aggregates, ports, the PostgreSQL event store and the product-image
 * cascade. Registered as a Spring Boot auto-configuration, so an application gets it by having this
 * module on its classpath. The transaction manager, connections and token store come from
 * {@code dev.catalog.platform}; the event store is declared here, before Axon's auto-configurations,
 * for the reason given there (Axon 4.13's JDBC auto-configuration does not run on Spring Boot 4).
 *
 * <p>The application must set {@code axon.serializer.general/events/messages=jackson3},
 * {@code axon.axonserver.enabled=false} (or, on Axon Server, {@code axon.axonserver.event-store.enabled=false}: see
 * {@link AxonServerRoutingAutoConfiguration}) and let Flyway run {@code classpath:db/migration/command}.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class, NoOpTransactionAutoConfiguration.class,
                org.axonframework.springboot.autoconfig.TransactionAutoConfiguration.class})
@ComponentScan(basePackageClasses = {Product.class, Image.class})
@EnableConfigurationProperties(EventStoreProperties.class)
public class CommandSideAutoConfiguration {

    /**
     * Axon's JDBC event store on the tables of {@code V1__axon_event_and_token_store.sql} (payloads as
     * bytea), appending with the commit and read at a pace of {@code catalog.events.fetch-pace} at the head of
     * the store ({@link PostgresEventStorageEngine}). It never creates tables: Flyway owns the schema.
     */
    /**
     * The events record who caused them and in which request ({@link ChangeOrigin}), from their command's metadata;
     * the commands an event handler sends (the cascade's) inherit them from the event. Axon's own origin (the
     * correlation and trace ids) is kept: declaring providers replaces Axon's default one.
     */
    @Bean
    public CorrelationDataProvider changeOrigin() {
        return new SimpleCorrelationDataProvider(ChangeOrigin.BY, ChangeOrigin.REQUEST_ID);
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 DataSource dataSource,
                                                 TransactionManager transactionManager,
                                                 org.axonframework.config.Configuration configuration,
                                                 EventStoreProperties properties) {
        return new PostgresEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager), new PendingWrites(dataSource), properties.fetchPace());
    }

    /**
     * The event store over the JDBC storage engine, with streams that wake pooled streaming processors
     * as soon as events are committed (see {@link PromptEventStore}). Events appended by other
     * instances are fetched every {@code catalog.events.fetch-delay}. The same with Axon Server, which only routes
     * commands (ADR 28).
     */
    @Bean
    @ConditionalOnMissingBean(EventStore.class)
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         EventStoreProperties properties) {
        return new PromptEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.fetchDelay().toMillis())
                .cachedEvents(properties.cachedEvents()),
                // Reads events for the processors, so it uses their connection pool.
                Workload.PROCESSING.threadFactory("event-store-producer"), properties.wakeInterval());
    }

    /** Axon uses the one bean of this type for every aggregate. */
    @Bean
    @ConditionalOnMissingBean(CommandTargetResolver.class)
    public CommandTargetResolver commandTargetResolver() {
        return new CachedCommandTargetResolver();
    }

    @Bean
    public JdbcProductRegistry productRegistry(DataSource dataSource) {
        return new JdbcProductRegistry(dataSource);
    }

    @Bean
    public JdbcImageRegistry imageRegistry(DataSource dataSource) {
        return new JdbcImageRegistry(dataSource);
    }

    /** Restores the store from an export (catalog-admin events import). */
    @Bean
    public EventImport eventImport(DataSource dataSource, @Qualifier("eventSerializer") Serializer eventSerializer,
                                   JdbcProductRegistry products, JdbcImageRegistry images) {
        return new EventImport(dataSource, eventSerializer, products, images, () -> {
            products.forgetAllocatedIds();
            images.forgetAllocatedIds();
        });
    }

    /**
     * The cascade sends its commands to Axon's local command bus, the one that handles commands in this process, also
     * when Axon Server routes the others (ADR 28): they run as without Axon Server, failures included, and never wait
     * for another instance. Every instance handles commands, whatever its roles (ADR 27).
     */
    @Bean
    public ProductImageCascade productImageCascade(@Qualifier("localSegment") CommandBus localCommandBus,
                                                   ImageUrls imageRegistry) {
        return new ProductImageCascade(DefaultCommandGateway.builder().commandBus(localCommandBus).build(),
                imageRegistry);
    }

    /**
     * The cascade runs in an asynchronous processor of its own ({@link AsynchronousProcessors}): Axon's default
     * {@code LoggingErrorHandler} would log a failed cascade and skip it, leaving images of a deleted product
     * behind; here a failure is parked and retried, and other products' cascades go on meanwhile.
     */
    @Bean
    public ConfigurerModule productImageCascadeProcessing(ProcessingProperties properties, ProcessingThreads threads,
                                                          ProcessingNodes nodes, ConnectionProvider connectionProvider) {
        return configurer -> configurer.eventProcessing(processing -> AsynchronousProcessors.register(processing,
                ProductImageCascade.PROCESSING_GROUP, properties, threads, nodes, connectionProvider));
    }
}
