package dev.catalog.gateway.federation;

import dev.catalog.query.image.ImageView;
import dev.catalog.query.product.ProductView;
import graphql.execution.instrumentation.Instrumentation;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.graphql.data.federation.FederationSchemaFactory;
import org.springframework.graphql.execution.ClassNameTypeResolver;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Builds each subgraph's GraphQL engine from what Spring Boot gives the combined one: the same exception
 * resolvers, instrumentations (the query limits), wiring (controllers, scalars, field fetchers) and customizers,
 * over the subgraph's own schema files, with federation-jvm's schema factory ({@code _service}, {@code _entities}).
 */
@Configuration(proxyBeanMethods = false)
public class FederationConfiguration {

    /** Finds the {@code @EntityMapping} methods ({@link Entities}); maps the views to their entity types. */
    @Bean
    FederationSchemaFactory federationSchemaFactory() {
        ClassNameTypeResolver entityTypes = new ClassNameTypeResolver();
        entityTypes.addMapping(ProductView.class, "Product");
        entityTypes.addMapping(ImageView.class, "Image");
        FederationSchemaFactory factory = new FederationSchemaFactory();
        factory.setTypeResolver(entityTypes);
        return factory;
    }

    @Bean
    SubgraphSources subgraphSources(FederationSchemaFactory federation,
                                    ObjectProvider<DataFetcherExceptionResolver> exceptionResolvers,
                                    ObjectProvider<Instrumentation> instrumentations,
                                    ObjectProvider<RuntimeWiringConfigurer> wiring,
                                    ObjectProvider<GraphQlSourceBuilderCustomizer> customizers) {
        Map<Subgraph, GraphQlSource> sources = new EnumMap<>(Subgraph.class);
        for (Subgraph subgraph : Subgraph.values()) {
            GraphQlSource.SchemaResourceBuilder builder = GraphQlSource.schemaResourceBuilder()
                    .schemaResources(subgraph.schemaResources().toArray(Resource[]::new));
            builder.exceptionResolvers(exceptionResolvers.orderedStream().toList());
            builder.instrumentation(instrumentations.orderedStream().toList());
            wiring.orderedStream().forEach(builder::configureRuntimeWiring);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            builder.schemaFactory(federation::createGraphQLSchema);
            sources.put(subgraph, builder.build());
        }
        return new SubgraphSources(sources);
    }
}
