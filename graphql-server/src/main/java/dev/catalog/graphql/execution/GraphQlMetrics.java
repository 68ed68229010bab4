package dev.catalog.graphql.execution;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * For one GraphQL endpoint (tag {@code endpoint}, its path): {@code graphql.requests}, a timer per outcome
 * ({@code SUCCESS}; {@code FIELD_ERROR}, data with errors; {@code REQUEST_ERROR}, no data: refused by a limit, invalid,
 * timed out) and {@code graphql.errors}, a counter per error code. Spring's GraphQL observations cost more than the
 * reads they observe (ADR 15); these are a map lookup and a record per request.
 */
public final class GraphQlMetrics {

    private final MeterRegistry registry;
    private final String endpoint;
    private final Map<String, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    public GraphQlMetrics(MeterRegistry registry, String endpoint) {
        this.registry = registry;
        this.endpoint = endpoint;
    }

    /** Records one executed request that took {@code nanos} and answered {@code result} (error codes applied). */
    void record(ExecutionResult result, long nanos) {
        String outcome = result.getErrors().isEmpty() ? "SUCCESS" : result.isDataPresent() ? "FIELD_ERROR" : "REQUEST_ERROR";
        requests.computeIfAbsent(outcome, key -> Timer.builder("graphql.requests")
                        .description("GraphQL operations executed, by outcome")
                        .tag("endpoint", endpoint).tag("outcome", key).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        for (GraphQLError error : result.getErrors()) {
            Object code = error.getExtensions() == null ? null : error.getExtensions().get("code");
            errors.computeIfAbsent(code == null ? "UNKNOWN" : code.toString(), key -> Counter.builder("graphql.errors")
                            .description("GraphQL errors answered, by code")
                            .tag("endpoint", endpoint).tag("code", key).register(registry))
                    .increment();
        }
    }
}
