package dev.catalog.query.changes;

import dev.catalog.platform.database.DatabaseEndpoint;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The change feed of this instance and the doorbell that wakes it ({@code catalog.changes}). Both read the
 * PostgreSQL event store, which holds the events with or without Axon Server (ADR 28).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChangeFeedProperties.class)
class ChangesConfiguration {

    @Bean
    CommitDoorbell commitDoorbell(DatabaseEndpoint database, EventBus eventBus, ChangeFeedProperties properties) {
        return new CommitDoorbell(database, eventBus, properties);
    }

    @Bean
    ChangeFeed changeFeed(EventStorageEngine store, @Qualifier("readsDataSource") DataSource reads,
                          ChangeFeedProperties properties, CommitDoorbell doorbell) {
        return new ChangeFeed(store, reads, properties, doorbell);
    }
}
