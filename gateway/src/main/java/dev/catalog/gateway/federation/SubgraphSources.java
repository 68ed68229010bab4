package dev.catalog.gateway.federation;

import java.util.Map;
import org.springframework.graphql.execution.GraphQlSource;

/** The GraphQL engine of each subgraph ({@link FederationConfiguration}). */
public record SubgraphSources(Map<Subgraph, GraphQlSource> sources) {

    public SubgraphSources {
        sources = Map.copyOf(sources);
    }

    public GraphQlSource of(Subgraph subgraph) {
        return sources.get(subgraph);
    }
}
