package dev.catalog.gateway.http;

import dev.catalog.gateway.execution.GraphQlMetrics;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import io.micrometer.core.instrument.MeterRegistry;
import dev.catalog.gateway.execution.GraphQlExecutor;
import dev.catalog.gateway.federation.Subgraph;
import dev.catalog.gateway.federation.SubgraphSources;
import dev.catalog.gateway.limits.QueryLimits;
import dev.catalog.gateway.limits.QueryLimitsInstrumentation;
import dev.catalog.gateway.security.CallerAuthenticatedPaths;
import dev.catalog.gateway.security.Callers;
import dev.catalog.gateway.security.RateLimit;
import dev.catalog.gateway.websocket.SubscriptionProperties;
import dev.catalog.gateway.websocket.WebSocketUpgrade;
import jakarta.servlet.ServletRegistration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerDetectionSupport;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a {@link GraphQlEndpoint} servlet for each schema the service serves: the combined one at
 * {@code spring.graphql.http.path} ({@code /graphql}) and each federation subgraph at its path
 * ({@link Subgraph#path()}). Every one of them runs behind the same filters, with the same limits, CORS and
 * callers. The controllers run on the request's own thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SubscriptionProperties.class)
public class GraphQlEndpointConfiguration {

    /**
     * With virtual threads on, Spring for GraphQL hands every controller call to another virtual thread. The
     * request already runs on one: the hop costs a thread and a context switch per field, and loses the
     * request's thread-local security context. Every controller method (entity mappings included) runs inline.
     */
    @Bean
    static BeanPostProcessor controllersOnTheRequestThread() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof AnnotatedControllerDetectionSupport<?> controllers) {
                    controllers.setBlockingMethodPredicate(method -> false);
                }
                return bean;
            }
        };
    }

    @Bean
    CallerAuthenticatedPaths graphQlEndpointPaths(@Value("${spring.graphql.http.path:/graphql}") String path) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(path);
        Arrays.stream(Subgraph.values()).map(Subgraph::path).forEach(paths::add);
        return new CallerAuthenticatedPaths(paths);
    }

    /** Right after the canonical-path check, before the rate limit: refused requests are counted too. */
    @Bean
    FilterRegistrationBean<RequestMetrics> requestMetrics(MeterRegistry registry,
                                                          CallerAuthenticatedPaths graphQlEndpointPaths) {
        var registration = new FilterRegistrationBean<>(new RequestMetrics(registry,
                List.copyOf(graphQlEndpointPaths.paths())));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    ServletContextInitializer graphQlEndpoints(@Value("${spring.graphql.http.path:/graphql}") String path,
                                               GraphQlSource combined, SubgraphSources subgraphs, QueryLimits limits,
                                               QueryLimitsInstrumentation instrumentation, Callers callers,
                                               RateLimit rateLimit,
                                               UrlBasedCorsConfigurationSource cors, JsonMapper json,
                                               SubscriptionProperties subscriptions, MeterRegistry registry) {
        return servletContext -> endpoints(path, combined, subgraphs).forEach((endpointPath, endpoint) -> {
            GraphQlExecutor executor = new GraphQlExecutor(endpoint.source(), limits, instrumentation, callers,
                    new GraphQlMetrics(registry, endpointPath));
            // Subscriptions are served by the combined schema only: the subgraphs have none.
            WebSocketUpgrade webSocket = endpoint.source() == combined
                    ? new WebSocketUpgrade(executor, callers, rateLimit, json, subscriptions) : null;
            ServletRegistration.Dynamic registration = servletContext.addServlet(endpoint.servletName(),
                    new GraphQlEndpoint(executor, callers, cors, json, webSocket));
            registration.addMapping(endpointPath);
            registration.setLoadOnStartup(1);
        });
    }

    /** Each endpoint by path: the combined schema first, then the subgraphs. */
    private static Map<String, Endpoint> endpoints(String path, GraphQlSource combined, SubgraphSources subgraphs) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        endpoints.put(path, new Endpoint("graphql", combined));
        for (Subgraph subgraph : Subgraph.values()) {
            endpoints.put(subgraph.path(), new Endpoint("graphql-" + subgraph.subgraphName(), subgraphs.of(subgraph)));
        }
        return endpoints;
    }

    private record Endpoint(String servletName, GraphQlSource source) {
    }
}
