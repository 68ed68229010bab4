package dev.catalog.graphql.http;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.graphql.execution.GraphQlSource;

/**
 * The GraphQL endpoints the server maps, each a schema at a path; given by the API as a bean. Each runs behind the
 * same filters, with the same limits, CORS and callers.
 */
public record GraphQlEndpoints(List<Endpoint> endpoints) {

    public GraphQlEndpoints {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * @param path        where it is served, e.g. {@code /graphql}
     * @param servletName the name of its servlet, unique
     * @param source      its schema and engine
     * @param webSocket   whether it also takes graphql-transport-ws connections (subscriptions)
     * @param uploads     whether it also takes multipart requests with files ({@code Upload} variables)
     */
    public record Endpoint(String path, String servletName, GraphQlSource source, boolean webSocket,
                           boolean uploads) {
    }

    /** Every endpoint's path. */
    public Set<String> paths() {
        return endpoints.stream().map(Endpoint::path).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
