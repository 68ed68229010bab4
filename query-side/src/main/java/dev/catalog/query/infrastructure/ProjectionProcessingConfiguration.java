package dev.catalog.query.infrastructure;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;

/**
 * The view projections of {@link ProjectionGroups} run inline (ADR 15): each group is a subscribing event
 * processor, so its handlers run in the transaction of the command that appends the events, after the append
 * and before the commit. The view rows, the events and the command's registry rows commit together or not at
 * all; a query sent after the command answered, to any instance, reads the write. Handler errors propagate
 * (Axon's default would log and skip, leaving the view wrong): the command fails and nothing is stored.
 *
 * <p>Lives here (not in the application's yml) so that any application scanning {@code dev.catalog} gets it
 * unchanged. A view is rebuilt from the events by {@link ViewRebuild}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class ProjectionProcessingConfiguration {

    @Bean
    public ConfigurerModule projectionProcessorsConfigurerModule() {
        return configurer -> configurer.eventProcessing(processing -> {
            for (String group : ProjectionGroups.ALL) {
                processing.registerSubscribingEventProcessor(group)
                        .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance());
            }
        });
    }
}
