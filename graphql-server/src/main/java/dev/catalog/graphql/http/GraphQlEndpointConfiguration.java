package dev.catalog.graphql.http;

import dev.catalog.graphql.execution.AdministrativeFields;
import dev.catalog.graphql.execution.GraphQlExecutor;
import dev.catalog.graphql.execution.GraphQlMetrics;
import dev.catalog.graphql.execution.PersistedDocuments;
import dev.catalog.graphql.limits.HttpLimits;
import dev.catalog.graphql.limits.QueryLimits;
import dev.catalog.graphql.limits.QueryLimitsInstrumentation;
import dev.catalog.graphql.limits.UploadLimits;
import dev.catalog.graphql.persisted.DocumentStore;
import dev.catalog.graphql.persisted.InMemoryDocumentStore;
import dev.catalog.graphql.persisted.PersistedManifest;
import dev.catalog.graphql.persisted.PersistedProperties;
import dev.catalog.graphql.security.CallerAuthenticatedPaths;
import dev.catalog.graphql.security.Callers;
import dev.catalog.graphql.security.RateLimit;
import dev.catalog.graphql.upload.MultipartRequests;
import dev.catalog.graphql.websocket.SlowSubscribers;
import dev.catalog.graphql.websocket.SubscriptionProperties;
import dev.catalog.graphql.websocket.WebSocketUpgrade;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerDetectionSupport;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a {@link GraphQlEndpoint} servlet for each schema the API serves ({@link GraphQlEndpoints}). Every one of
 * them runs behind the same filters, with the same limits, CORS and callers. The controllers run on the request's
 * own thread.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SubscriptionProperties.class, PersistedProperties.class})
public class GraphQlEndpointConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GraphQlEndpointConfiguration.class);

    /**
     * Persisted documents in the API's {@link DocumentStore} (shared by the instances), or in this process when it gives
     * none; a manifest named by {@code catalog.persisted.manifest} is loaded into it first, and one that cannot be read
     * stops the start.
     */
    @Bean
    PersistedDocuments persistedDocuments(PersistedProperties properties, ObjectProvider<DocumentStore> stores,
                                          JsonMapper json) throws IOException {
        DocumentStore store = stores.getIfAvailable(InMemoryDocumentStore::new);
        if (properties.manifest() != null) {
            Map<String, String> documents = PersistedManifest.read(Files.readString(properties.manifest()), json);
            documents.forEach((id, document) -> store.add(id, document, Integer.MAX_VALUE));
            log.info("Loaded {} trusted documents from {}", documents.size(), properties.manifest());
        }
        return new PersistedDocuments(properties, store);
    }

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

    /** The drain before a graceful stop ({@link ShutdownDrain}); first of all filters, so every answer closes. */
    @Bean
    ShutdownDrain shutdownDrain(@Value("${catalog.shutdown.drain:0s}") Duration drain, ApplicationContext context) {
        return new ShutdownDrain(drain, context);
    }

    @Bean
    FilterRegistrationBean<ShutdownDrain> shutdownDrainFilter(ShutdownDrain drain) {
        var registration = new FilterRegistrationBean<>(drain);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * A few GraphQL requests at a time until the JIT has compiled their paths ({@link WarmUpGate}, ADR 38): by default
     * as many as the instance has processors, at most 60 s after the first request. The gauge
     * {@code catalog.warmup.active} is 1 until it opens.
     */
    @Bean
    WarmUpFilter warmUpFilter(@Value("${catalog.warm-up.concurrency:-1}") int concurrency,
                              @Value("${catalog.warm-up.max-duration:60s}") Duration maxDuration,
                              @Value("${catalog.warm-up.max-wait:1s}") Duration maxWait, MeterRegistry registry) {
        WarmUpFilter filter = WarmUpFilter.create(
                concurrency == -1 ? Runtime.getRuntime().availableProcessors() : concurrency, maxDuration, maxWait);
        Gauge.builder("catalog.warmup.active", filter, gate -> gate.warmingUp() ? 1 : 0)
                .description("1 while GraphQL requests are admitted a few at a time for the JIT to compile their paths")
                .register(registry);
        return filter;
    }

    /** Last of the filters, right before the endpoint: a request the checks refuse does not wait for a permit. */
    @Bean
    FilterRegistrationBean<WarmUpFilter> warmUpFilterRegistration(WarmUpFilter filter,
                                                                  CallerAuthenticatedPaths graphQlEndpointPaths) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(graphQlEndpointPaths.paths());
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    @Bean
    CallerAuthenticatedPaths graphQlEndpointPaths(GraphQlEndpoints endpoints) {
        return new CallerAuthenticatedPaths(endpoints.paths());
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
    ServletContextInitializer graphQlServlets(GraphQlEndpoints endpoints, QueryLimits limits,
                                               QueryLimitsInstrumentation instrumentation, Callers callers,
                                               RateLimit rateLimit, AdministrativeFields administrativeFields,
                                               SlowSubscribers slowSubscribers, UrlBasedCorsConfigurationSource cors,
                                               JsonMapper json, SubscriptionProperties subscriptions,
                                               MeterRegistry registry, HttpLimits httpLimits,
                                               UploadLimits uploadLimits, PersistedDocuments persisted) {
        CacheableAnswers cacheable = new CacheableAnswers(persisted.properties().maxAge());
        long maxJson = httpLimits.maxBodyBytes().toBytes();
        long maxFile = uploadLimits.maxBytes().toBytes();
        return servletContext -> endpoints.endpoints().forEach(endpoint -> {
            GraphQlExecutor executor = new GraphQlExecutor(endpoint.source(), limits, instrumentation, callers,
                    administrativeFields, new GraphQlMetrics(registry, endpoint.path()), persisted);
            WebSocketUpgrade webSocket = endpoint.webSocket()
                    ? new WebSocketUpgrade(executor, callers, rateLimit, slowSubscribers, json, subscriptions) : null;
            MultipartRequests uploads = endpoint.uploads() ? new MultipartRequests(json, maxJson) : null;
            ServletRegistration.Dynamic registration = servletContext.addServlet(endpoint.servletName(),
                    new GraphQlEndpoint(executor, callers, cors, json, webSocket, uploads, cacheable));
            registration.addMapping(endpoint.path());
            registration.setLoadOnStartup(1);
            if (uploads != null) {
                // Tomcat stops reading a file at maxFile bytes, and the request at one file plus the JSON parts; the
                // parts it keeps on disk past 64 KB, in its own temporary directory, and removes after the request.
                registration.setMultipartConfig(new MultipartConfigElement("", maxFile,
                        uploadLimits.maxRequestBytes(maxJson), 64 * 1024));
            }
        });
    }
}
