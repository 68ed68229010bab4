package dev.catalog.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.ApiTest;
import dev.catalog.query.infrastructure.ProjectionGroups;
import dev.catalog.query.infrastructure.ViewRebuild;
import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publisher against a real Kafka broker ({@link KafkaBroker}: the compose file's image, or embedded): every
 * change made through the API arrives on the topic as a CloudEvent (binary mode, read back with the CloudEvents Kafka
 * binding), in order per entity, across a broker outage in the middle of a write burst; a consumer can rebuild the
 * catalog from the topic; rebuilding the views publishes nothing again; an outage leaves the instance ready (the
 * publisher's readiness limit unset). One application context with a database and a topic of its own, so the topic
 * holds exactly this class's catalog.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                "catalog.rate-limit.per-minute=0",
                "catalog.kafka.topic=catalog.events.test",
                // Not the default (3), to see the setting applied.
                "catalog.kafka.partitions=" + KafkaPublishingTest.PARTITIONS,
                // An outage fails a batch within seconds, so the test sees the retries.
                "catalog.kafka.acknowledge-timeout=3s",
                // The general limit, low so that an outage's few writes put the publisher past it.
                "catalog.processing.readiness-max-lag=" + KafkaPublishingTest.GENERAL_MAX_LAG})
class KafkaPublishingTest extends ApiTest {

    static final int PARTITIONS = 2;
    static final int GENERAL_MAX_LAG = 20;
    private static final String TOPIC = "catalog.events.test";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final KafkaBroker KAFKA = KafkaBroker.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ViewRebuild viewRebuild;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("catalog.kafka.bootstrap-servers", KAFKA::bootstrapServers);
    }

    @AfterAll
    static void releaseKafka() {
        KAFKA.close();
    }

    @Test
    void every_change_arrives_as_a_cloud_event_keyed_by_its_entity_and_in_its_order() {
        int product = createProduct(unique("Published lamp"), 10, null);
        graphQl.documentName("updateProduct").variable("productId", product)
                .variable("input", productInput(unique("Published lamp"), 12.5, "INACTIVE")).execute();
        int first = createImage(product, "https://e.example.com/kafka/first.png", 10);
        graphQl.documentName("updateImage").variable("imageId", first)
                .variable("updates", imageInput("https://e.example.com/kafka/first-2.png", 20, product)).execute();
        int second = createImage(product, "https://e.example.com/kafka/second.png", 30);
        graphQl.documentName("deleteImage").variable("imageId", first).execute();
        graphQl.documentName("deleteProduct").variable("productId", product).execute();

        Map<String, List<CloudEvent>> byEntity = await().atMost(Duration.ofSeconds(60)).until(
                () -> deduplicated(KAFKA.readAll(TOPIC)),
                events -> events.getOrDefault("image/" + second, List.of()).size() == 2
                        && events.getOrDefault("product/" + product, List.of()).size() == 3);

        assertThat(types(byEntity.get("product/" + product))).containsExactly(
                "dev.catalog.product.created.v1", "dev.catalog.product.updated.v1", "dev.catalog.product.deleted.v1");
        assertThat(types(byEntity.get("image/" + first))).containsExactly(
                "dev.catalog.image.created.v1", "dev.catalog.image.updated.v1", "dev.catalog.image.deleted.v1");
        // The second image goes with its product: the cascade's event is published too.
        assertThat(types(byEntity.get("image/" + second))).containsExactly(
                "dev.catalog.image.created.v1", "dev.catalog.image.deleted.v1");

        CloudEvent created = byEntity.get("product/" + product).getFirst();
        assertThat(created.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(created.getSource().toString()).isEqualTo("/catalog");
        assertThat(created.getSubject()).isEqualTo("product/" + product);
        assertThat(created.getDataContentType()).isEqualTo("application/json");
        assertThat(created.getTime()).isNotNull();
        assertThat(created.getExtension("sequence")).isEqualTo("0");
        JsonNode data = JSON.readTree(new String(created.getData().toBytes(), StandardCharsets.UTF_8));
        assertThat(data.get("productId").asInt()).isEqualTo(product);
        assertThat(data.get("name").asString()).startsWith("Published lamp");
        assertThat(new BigDecimal(data.get("price").asString())).isEqualByComparingTo("10");
        assertThat(data.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(byEntity.get("product/" + product).get(1).getExtension("sequence")).isEqualTo("1");
    }

    @Test
    void the_topic_is_created_with_the_configured_partition_count() {
        int product = createProduct(unique("Partitioned"), 2, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(TOPIC).stream()
                .anyMatch(r -> r.key().equals("product/" + product)));

        assertThat(KAFKA.partitions(TOPIC)).isEqualTo(PARTITIONS);
    }

    @Test
    void the_publishers_lag_is_scraped_as_catalog_processor_lag_events() {
        createProduct(unique("Lag scraped"), 2, null);

        // NaN while this instance holds no segment of the publisher, e.g. just after an outage released it.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .containsPattern("catalog_processor_lag_events\\{processor=\"kafka-publisher\"\\} \\d"));
    }

    /**
     * ADR 17: a Kafka outage must not stop the catalog. The publisher's lag is judged only by
     * {@code catalog.kafka.readiness-max-lag}, unset here: never, however far past the general limit it falls.
     */
    @Test
    void a_broker_outage_that_puts_the_publisher_past_the_general_lag_limit_leaves_the_instance_ready() throws Exception {
        KAFKA.stopBroker();
        try {
            for (int i = 0; i < 2 * GENERAL_MAX_LAG; i++) {
                createProduct(unique("Outage " + i), 1, null);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> publisherLag(get("/actuator/health/readiness")) > GENERAL_MAX_LAG);

            // Across failed batches (one per acknowledge timeout, 3 s) and their retries.
            int readyPastTheLimit = 0;
            Instant end = Instant.now().plusSeconds(8);
            while (Instant.now().isBefore(end)) {
                HttpResponse<String> readiness = get("/actuator/health/readiness");
                assertThat(readiness.statusCode()).as("readiness while %s", readiness.body()).isEqualTo(200);
                readyPastTheLimit += publisherLag(readiness) > GENERAL_MAX_LAG ? 1 : 0;
                Thread.sleep(250);
            }
            assertThat(readyPastTheLimit).as("ready while the publisher was past the general limit").isPositive();
        } finally {
            KAFKA.startBroker();
        }
    }

    /** The publisher's lag on this instance as readiness details it; -1 while unknown. */
    private static long publisherLag(HttpResponse<String> readiness) {
        JsonNode lag = JSON.readTree(readiness.body()).at("/components/processors/details/kafka-publisher/lag");
        return lag.isNumber() ? lag.asLong() : -1;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void records_are_binary_cloud_events_keyed_by_their_subject() {
        int product = createProduct(unique("Binary mode"), 3, null);

        ConsumerRecord<String, CloudEvent> record = await().atMost(Duration.ofSeconds(60)).until(
                () -> KAFKA.readAll(TOPIC).stream().filter(r -> r.key().equals("product/" + product)).findFirst(),
                java.util.Optional::isPresent).get();

        assertThat(record.headers().lastHeader("ce_id")).as("binary mode: attributes in headers").isNotNull();
        assertThat(record.headers().lastHeader("ce_type").value())
                .isEqualTo("dev.catalog.product.created.v1".getBytes(StandardCharsets.UTF_8));
        assertThat(record.headers().lastHeader("content-type").value())
                .isEqualTo("application/json".getBytes(StandardCharsets.UTF_8));
        assertThat(record.value().getSubject()).isEqualTo(record.key());
    }

    @Test
    void a_broker_outage_in_the_middle_of_a_write_burst_loses_and_reorders_nothing() throws Exception {
        List<Integer> products = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            products.add(createProduct(unique("Burst " + i), 1, null));
        }
        AtomicInteger written = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int writer = 0; writer < 4; writer++) {
            int w = writer;
            running.add(writers.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    int product = products.get((w + i) % products.size());
                    var response = graphQl.documentName("updateProduct").variable("productId", product)
                            .variable("input", productInput("Burst product " + product, w * 100 + i, null)).execute();
                    response.errors().satisfy(errors -> errors.forEach(error -> failures.add(error.getMessage())));
                    written.incrementAndGet();
                }
                return null;
            }));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= 30);
        KAFKA.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> written.get() >= 90);
        } finally {
            KAFKA.startBroker();
        }
        for (Future<?> writer : running) {
            writer.get();
        }
        writers.shutdown();

        assertThat(failures).as("mutations while Kafka was down").isEmpty();
        Map<Integer, Integer> versions = new HashMap<>();
        for (int product : products) {
            versions.put(product, graphQl.document("query($id: Int!) { product(id: $id) { version } }")
                    .variable("id", product).execute().path("product.version").entity(Integer.class).get());
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            Map<String, List<CloudEvent>> byEntity = deduplicated(KAFKA.readAll(TOPIC));
            return versions.entrySet().stream().allMatch(entry ->
                    byEntity.getOrDefault("product/" + entry.getKey(), List.of()).size() == entry.getValue());
        });

        List<ConsumerRecord<String, CloudEvent>> records = KAFKA.readAll(TOPIC);
        for (int product : products) {
            String key = "product/" + product;
            List<CloudEvent> received = records.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
            Map<String, String> idBySequence = new HashMap<>();
            List<Long> firstSeen = new ArrayList<>();
            for (CloudEvent event : received) {
                String sequence = (String) event.getExtension("sequence");
                String known = idBySequence.putIfAbsent(sequence, event.getId());
                if (known == null) {
                    firstSeen.add(Long.parseLong(sequence));
                } else {
                    assertThat(event.getId()).as("a re-delivery of %s #%s", key, sequence).isEqualTo(known);
                }
            }
            List<Long> expected = new ArrayList<>();
            for (long sequence = 0; sequence < versions.get(product); sequence++) {
                expected.add(sequence);
            }
            assertThat(firstSeen).as("the events of %s, in the order first received", key).isEqualTo(expected);
        }
    }

    @Test
    void a_consumer_reading_the_topic_from_its_start_after_an_outage_rebuilds_exactly_the_catalog() {
        int kept = createProduct(unique("Rebuilt kept"), 5, null);
        int changed = createProduct(unique("Rebuilt changed"), 6, null);
        int gone = createProduct(unique("Rebuilt gone"), 7, null);
        createImage(kept, "https://e.example.com/kafka/rebuilt/kept.png", 50);
        int moved = createImage(gone, "https://e.example.com/kafka/rebuilt/moved.png", 40);
        createImage(gone, "https://e.example.com/kafka/rebuilt/gone.png", 30);
        KAFKA.stopBroker();
        try {
            // Written while Kafka is down: acknowledged here, published once it is back.
            changeWhileKafkaIsDown(changed, gone, moved);
        } finally {
            KAFKA.startBroker();
        }

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Catalog fromTopic = Catalog.fold(KAFKA.readAll(TOPIC));
            assertThat(fromTopic.products()).isEqualTo(productsInTheViews());
            assertThat(fromTopic.images()).isEqualTo(imagesInTheViews());
        });
    }

    private void changeWhileKafkaIsDown(int changed, int gone, int moved) {
        graphQl.documentName("updateImage").variable("imageId", moved)
                .variable("updates", imageInput("https://e.example.com/kafka/rebuilt/moved.png", 45, changed)).execute();
        graphQl.documentName("updateProduct").variable("productId", changed)
                .variable("input", productInput(unique("Rebuilt changed"), 8, "INACTIVE")).execute();
        graphQl.documentName("deleteProduct").variable("productId", gone).execute().path("deleteProduct")
                .entity(String.class).isEqualTo("Product " + gone + " deleted successfully.");
    }

    @Test
    void rebuilding_the_views_publishes_nothing_again() throws Exception {
        int product = createProduct(unique("Not republished"), 9, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(TOPIC).stream()
                .anyMatch(r -> r.key().equals("product/" + product)));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(60))
                .until(() -> KAFKA.readAll(TOPIC).size(), size -> size == KAFKA.readAll(TOPIC).size());
        int before = KAFKA.readAll(TOPIC).size();

        viewRebuild.rebuild(ProjectionGroups.PRODUCT_VIEW);
        viewRebuild.rebuild(ProjectionGroups.IMAGE_VIEW);
        Thread.sleep(3_000); // a publisher that replayed would have sent within its fetch delay

        assertThat(KAFKA.readAll(TOPIC)).hasSize(before);
    }

    @Test
    void catalog_admin_events_replay_to_the_publisher_publishes_every_event_again_with_its_id() {
        int product = createProduct(unique("Republished"), 4, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> KAFKA.readAll(TOPIC).stream()
                .anyMatch(r -> r.key().equals("product/" + product)));
        List<String> before = KAFKA.readAll(TOPIC).stream().map(r -> r.value().getId()).toList();

        int status = dev.catalog.admin.CatalogAdmin.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(System.err, true))
                .execute("--url", "http://localhost:" + port, "events", "replay", "--to", "kafka-publisher");

        assertThat(status).isZero();
        List<String> after = await().atMost(Duration.ofSeconds(60)).until(
                () -> KAFKA.readAll(TOPIC).stream().map(r -> r.value().getId()).toList(),
                ids -> ids.size() >= 2 * before.size());
        assertThat(new java.util.HashSet<>(after)).as("the same events, nothing new").isEqualTo(new java.util.HashSet<>(before));
        assertThat(after).as("each published twice").hasSize(2 * before.size());
    }

    /** Records grouped by key, each CloudEvent once (the first time it was received), in the order received. */
    private static Map<String, List<CloudEvent>> deduplicated(List<ConsumerRecord<String, CloudEvent>> records) {
        Map<String, List<CloudEvent>> byKey = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            if (seen.add(record.value().getId())) {
                byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value());
            }
        }
        return byKey;
    }

    private static List<String> types(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::getType).toList();
    }

    private Map<Integer, Map<String, Object>> productsInTheViews() {
        Map<Integer, Map<String, Object>> products = new TreeMap<>();
        String after = null;
        while (true) {
            var page = graphQl.document("""
                            query($after: String) {
                              products(first: 100, after: $after) {
                                edges { node { id name price status } }
                                pageInfo { hasNextPage endCursor }
                              }
                            }""")
                    .variable("after", after).execute();
            for (Map<String, Object> node : page.path("products.edges[*].node").entityList(
                    new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).get()) {
                products.put((Integer) node.get("id"), Map.of("name", node.get("name"),
                        "price", new BigDecimal(node.get("price").toString()).stripTrailingZeros(), "status", node.get("status")));
            }
            if (!page.path("products.pageInfo.hasNextPage").entity(Boolean.class).get()) {
                return products;
            }
            after = page.path("products.pageInfo.endCursor").entity(String.class).get();
        }
    }

    private Map<Integer, Map<String, Object>> imagesInTheViews() {
        Map<Integer, Map<String, Object>> images = new TreeMap<>();
        for (Map<String, Object> image : graphQl.document("{ getAllImages { id url priority productId } }").execute()
                .path("getAllImages").entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { })
                .get()) {
            images.put((Integer) image.get("id"), Map.of("url", image.get("url"), "priority", image.get("priority"),
                    "productId", image.get("productId")));
        }
        return images;
    }

    /** The catalog as a consumer of the topic rebuilds it: each entity's latest state, deletions applied. */
    private record Catalog(Map<Integer, Map<String, Object>> products, Map<Integer, Map<String, Object>> images) {

        static Catalog fold(List<ConsumerRecord<String, CloudEvent>> records) {
            Map<Integer, Map<String, Object>> products = new TreeMap<>();
            Map<Integer, Map<String, Object>> images = new TreeMap<>();
            for (List<CloudEvent> events : deduplicated(records).values()) {
                for (CloudEvent event : events) {
                    JsonNode data = JSON.readTree(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
                    switch (event.getType()) {
                        case "dev.catalog.product.created.v1", "dev.catalog.product.updated.v1" ->
                                products.put(data.get("productId").asInt(), Map.of("name", data.get("name").asString(),
                                        "price", new BigDecimal(data.get("price").asString()).stripTrailingZeros(),
                                        "status", data.get("status").asString()));
                        case "dev.catalog.product.deleted.v1" -> products.remove(data.get("productId").asInt());
                        case "dev.catalog.image.created.v1", "dev.catalog.image.updated.v1" ->
                                images.put(data.get("imageId").asInt(), Map.of("url", data.get("url").asString(),
                                        "priority", data.get("priority").asInt(), "productId", data.get("productId").asInt()));
                        case "dev.catalog.image.deleted.v1" -> images.remove(data.get("imageId").asInt());
                        default -> throw new AssertionError("an unknown event type " + event.getType());
                    }
                }
            }
            return new Catalog(products, images);
        }
    }
}
