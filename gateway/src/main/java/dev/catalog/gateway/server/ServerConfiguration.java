package dev.catalog.gateway.server;

import dev.catalog.gateway.admin.AdminOperations;
import dev.catalog.gateway.federation.Subgraph;
import dev.catalog.gateway.federation.SubgraphSources;
import dev.catalog.graphql.execution.AdministrativeFields;
import dev.catalog.graphql.http.GraphQlEndpoints;
import dev.catalog.graphql.websocket.SlowSubscribers;
import dev.catalog.query.changes.SlowSubscriberException;
import dev.catalog.platform.roles.InstanceRoles;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * What the GraphQL server ({@code dev.catalog.graphql}) is told of the catalog: its endpoints (none on an instance
 * without the {@code api} role), its administrative fields and what ends a slow subscriber. Its list sizes are {@code dev.catalog.gateway.cost.CatalogListCosts}, its
 * scopes {@code dev.catalog.gateway.security.Scopes}.
 */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    /**
     * The combined schema at {@code spring.graphql.http.path} ({@code /graphql}; {@code catalog.graphql.path} when
     * set, as for the comparison of {@link SpringTransportComparison}), which alone serves subscriptions
     * over WebSocket, then each federation subgraph at its path ({@link Subgraph#path()}).
     */
    @Bean
    GraphQlEndpoints graphQlEndpoints(@Value("${catalog.graphql.path:${spring.graphql.http.path:/graphql}}") String path,
                                      GraphQlSource combined, SubgraphSources subgraphs, InstanceRoles roles) {
        List<GraphQlEndpoints.Endpoint> endpoints = new ArrayList<>();
        if (!roles.servesApi()) {
            return new GraphQlEndpoints(endpoints);
        }
        endpoints.add(new GraphQlEndpoints.Endpoint(path, "graphql", combined, true, true));
        for (Subgraph subgraph : Subgraph.values()) {
            endpoints.add(new GraphQlEndpoints.Endpoint(subgraph.path(), "graphql-" + subgraph.subgraphName(),
                    subgraphs.of(subgraph), false, false));
        }
        return new GraphQlEndpoints(endpoints);
    }

    /** Without the api role, the management endpoints alone answer; the rest is refused first of all. */
    @Bean
    FilterRegistrationBean<ManagementOnlyFilter> managementOnly(InstanceRoles roles,
            @Value("${management.endpoints.web.base-path:/actuator}") String managementPath) {
        var registration = new FilterRegistrationBean<>(new ManagementOnlyFilter(managementPath));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(!roles.servesApi());
        return registration;
    }

    @Bean
    AdministrativeFields administrativeFields() {
        return AdminOperations.FIELDS::contains;
    }

    /** A subscriber that falls behind the change feed's queue is disconnected, to resume where it stopped. */
    @Bean
    SlowSubscribers slowSubscribers() {
        return SlowSubscriberException.class::isInstance;
    }
}
