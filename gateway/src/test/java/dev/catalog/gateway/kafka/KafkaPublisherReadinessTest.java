package dev.catalog.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code catalog.kafka.readiness-max-lag} set (far below the general limit, left at its default), a broker
 * outage that puts the publisher past it takes the instance out of readiness, and its catching up brings it back.
 * The default, unset, is {@link KafkaPublishingTest}'s. A context and a topic of its own: the setting differs.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                "catalog.rate-limit.per-minute=0",
                "catalog.kafka.topic=" + KafkaPublisherReadinessTest.TOPIC,
                "catalog.kafka.acknowledge-timeout=3s",
                "catalog.kafka.readiness-max-lag=" + KafkaPublisherReadinessTest.MAX_LAG})
class KafkaPublisherReadinessTest extends ApiTest {

    static final String TOPIC = "catalog.events.readiness";
    static final int MAX_LAG = 10;
    private static final KafkaBroker KAFKA = KafkaBroker.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("catalog.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void releaseKafka() {
        KAFKA.close();
    }

    @Test
    void past_its_own_lag_limit_the_publisher_takes_the_instance_out_of_readiness_until_it_caught_up() throws Exception {
        List<Integer> products = new ArrayList<>();
        KAFKA.stopBroker();
        try {
            for (int i = 0; i < 3 * MAX_LAG; i++) {
                products.add(createProduct(unique("Not ready " + i), 1, null));
            }
            HttpResponse<String> notReady = await().atMost(Duration.ofSeconds(60)).until(
                    () -> readiness(), response -> response.statusCode() == 503);
            assertThat(notReady.body()).contains("\"status\":\"OUT_OF_SERVICE\"")
                    .containsPattern("kafka-publisher \\(\\d+ events, at most " + MAX_LAG + "\\)");
        } finally {
            KAFKA.startBroker();
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> readiness().statusCode() == 200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(KAFKA.readAll(TOPIC).stream()
                        .map(record -> record.key()).distinct())
                .as("every product created while Kafka was down, published")
                .containsAll(products.stream().map(product -> "product/" + product).toList()));
        assertThat(readiness().statusCode()).as("ready once caught up").isEqualTo(200);
    }

    private HttpResponse<String> readiness() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
