package dev.catalog.command.infrastructure;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.TargetContextResolver;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.command.CommandLoadFactorProvider;
import org.axonframework.axonserver.connector.command.CommandPriorityCalculator;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonServerAutoConfiguration;
import org.axonframework.springboot.autoconfig.AxonServerBusAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Axon Server as the catalog uses it (profile {@code axonserver}, ADR 28): it routes commands between the instances,
 * and that is all. The events, the token store, the dead letters and the views stay in PostgreSQL, where the events
 * commit in one transaction with the registries of the set-based checks and the inline views.
 *
 * <ul>
 *   <li>Axon Server's event store must be off ({@code axon.axonserver.event-store.enabled=false}): the start fails
 *       otherwise, rather than run with events outside the transaction that checks them.</li>
 *   <li>The {@link AxonServerCommandBus} is Axon's, on Axon's local {@code SimpleCommandBus} (its transaction per
 *       command and its interceptors unchanged), reached through {@link DetailedFailures} so that a caller on another
 *       instance can still tell a rejection, a missing aggregate or a concurrent modification apart.</li>
 *   <li>Axon Server does not control the event processors: Axon's {@code processorInfoConfiguration} would let it
 *       pause, start, release, split and merge their segments, beside the catalog's own segment shares (ADR 27) and
 *       administrative operations.</li>
 * </ul>
 */
@AutoConfiguration(after = AxonServerAutoConfiguration.class, before = AxonServerBusAutoConfiguration.class)
@ConditionalOnClass(AxonServerCommandBus.class)
@ConditionalOnProperty(name = "axon.axonserver.enabled", matchIfMissing = true)
class AxonServerRoutingAutoConfiguration {

    /** Axon's name for the module that hands Axon Server the control of the event processors. */
    static final String PROCESSOR_CONTROL = "processorInfoConfiguration";

    AxonServerRoutingAutoConfiguration(Environment environment) {
        if (environment.getProperty("axon.axonserver.event-store.enabled", Boolean.class, true)) {
            throw new IllegalStateException("With Axon Server the catalog's events stay in PostgreSQL (ADR 28): set "
                    + "axon.axonserver.event-store.enabled=false (the profile axonserver does), or "
                    + "axon.axonserver.enabled=false to run without Axon Server");
        }
    }

    /** Axon's own bean, as {@code AxonServerBusAutoConfiguration} builds it, but for the local segment's wrapper. */
    @Bean
    @Primary
    public AxonServerCommandBus axonServerCommandBus(AxonServerConnectionManager axonServerConnectionManager,
                                                     AxonServerConfiguration axonServerConfiguration,
                                                     @Qualifier("localSegment") CommandBus localSegment,
                                                     @Qualifier("messageSerializer") Serializer messageSerializer,
                                                     RoutingStrategy routingStrategy,
                                                     CommandPriorityCalculator priorityCalculator,
                                                     CommandLoadFactorProvider loadFactorProvider,
                                                     TargetContextResolver<? super CommandMessage<?>> targetContextResolver,
                                                     CommandBusSpanFactory spanFactory) {
        return AxonServerCommandBus.builder()
                .axonServerConnectionManager(axonServerConnectionManager)
                .configuration(axonServerConfiguration)
                .localSegment(new DetailedFailures(localSegment))
                .serializer(messageSerializer)
                .routingStrategy(routingStrategy)
                .priorityCalculator(priorityCalculator)
                .loadFactorProvider(loadFactorProvider)
                .targetContextResolver(targetContextResolver)
                .spanFactory(spanFactory)
                .build();
    }

    @Bean
    static BeanDefinitionRegistryPostProcessor noProcessorControlFromAxonServer() {
        return registry -> {
            if (registry.containsBeanDefinition(PROCESSOR_CONTROL)) {
                registry.removeBeanDefinition(PROCESSOR_CONTROL);
            }
        };
    }
}
