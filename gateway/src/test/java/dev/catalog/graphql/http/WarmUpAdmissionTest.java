package dev.catalog.graphql.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The warm-up gate in the running service: while it is shut, GraphQL requests run one at a time (the test-only slow
 * field of {@code graphql-limits-test/} shows it over real HTTP), and once its longest warm-up has passed with requests coming, they run together and
 * its gauge says so.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "catalog.data-dir=target/test-db/${random.uuid}",
                // As in ApiTest (whose properties this annotation replaces): the rate limit has its own tests.
                "catalog.rate-limit.per-minute=0",
                "spring.graphql.schema.locations=classpath:graphql/**/,classpath:graphql-limits-test/",
                "catalog.warm-up.concurrency=1",
                // Long enough that the three slow requests wait for each other rather than go on without a permit.
                "catalog.warm-up.max-wait=30s",
                "catalog.warm-up.max-duration=5s"})
@Import(WarmUpAdmissionTest.SlowField.class)
class WarmUpAdmissionTest extends ApiTest {

    private static final int SLOW_MILLIS = 600;

    private final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowField {

        @Bean
        RuntimeWiringConfigurer slowEcho() {
            return wiring -> wiring.type("Query", type -> type.dataFetcher("slowEcho", env -> CompletableFuture
                    .runAsync(() -> { }, CompletableFuture.delayedExecutor(env.<Integer>getArgument("millis"),
                            TimeUnit.MILLISECONDS))
                    .thenApply(ignored -> "slow")));
        }
    }

    @Test
    void requests_run_one_at_a_time_until_the_warm_up_is_over_then_together() throws Exception {
        assertThat(warmingUp()).isTrue();

        Duration gated = threeSlowRequestsAtOnce();

        assertThat(gated).as("three requests of %d ms, one after the other", SLOW_MILLIS)
                .isGreaterThanOrEqualTo(Duration.ofMillis(3L * SLOW_MILLIS));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (warmingUp() && System.nanoTime() < deadline) {
            graphQl.document("{ __typename }").execute().path("__typename").entity(String.class).isEqualTo("Query");
            Thread.sleep(100);
        }
        assertThat(warmingUp()).as("the gate opens at the latest 5 s after the first request").isFalse();
        Duration open = threeSlowRequestsAtOnce();
        assertThat(open).as("three requests of %d ms, side by side", SLOW_MILLIS)
                .isLessThan(Duration.ofMillis(5L * SLOW_MILLIS / 2));
    }

    private Duration threeSlowRequestsAtOnce() {
        HttpRequest slow = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ slowEcho(millis: " + SLOW_MILLIS + ") }\"}"))
                .build();
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 3)
                .mapToObj(i -> http.sendAsync(slow, HttpResponse.BodyHandlers.ofString())).toList();
        answers.forEach(answer -> assertThat(answer.join().body()).contains("\"slowEcho\":\"slow\""));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private boolean warmingUp() throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("(?m)^catalog_warmup_active [01]");
        return metrics.lines().anyMatch(line -> line.startsWith("catalog_warmup_active 1"));
    }
}
