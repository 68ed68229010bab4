package dev.catalog.gateway.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.kafka.KafkaBroker;
import dev.catalog.platform.database.EmbeddedDatabase;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the packaged service as a real process on its default, durable embedded PostgreSQL. Killed with SIGKILL
 * together with its database in the middle of concurrent writes, round after round on the same data directory,
 * it starts again and has every acknowledged write, with views equal to a replay of the events; stopped with
 * SIGTERM, it shuts down cleanly, releasing its projection segments before it stops its database.
 */
class KillAndRestartIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dataDir = Path.of("target", "test-db", "kill-" + UUID.randomUUID()).toAbsolutePath();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
        // An orphaned PostgreSQL of a killed run must not outlive the test.
        ProcessHandle.allProcesses().filter(this::runsOnTheDataDirectory).forEach(ProcessHandle::destroy);
    }

    @Test
    void killing_the_service_and_its_database_together_loses_no_acknowledged_write_round_after_round() throws Exception {
        int port = freePort();
        int databasePort = freePort();
        Acknowledged acknowledged = new Acknowledged();
        Process service = start(port, databasePort);
        for (int round = 1; round <= ROUNDS; round++) {
            int cutOff;
            try (Writers writers = new Writers(port, acknowledged, round)) {
                Thread.sleep(WRITING.toMillis());
                writers.expectTheKill();
                killTogether(service);
                cutOff = writers.awaitAll();
            }
            service = start(port, databasePort);

            System.out.printf("round %d: %d products and %d images acknowledged so far, then SIGKILL cut off %d "
                    + "requests under way%n", round, acknowledged.products.size(), acknowledged.imageProducts.size(), cutOff);
            assertThat(cutOff).as("requests under way when the kill came, round %d", round).isPositive();
            acknowledged.assertAllVisible(port, this);
            assertViewsEqualReplayOfEvents(databasePort);
        }
        assertThat(acknowledged.products).as("acknowledged creations over all rounds").hasSizeGreaterThan(ROUNDS * 20);
    }

    @Test
    void a_graceful_stop_releases_the_projection_segments_and_then_stops_the_database() throws Exception {
        int port = freePort();
        Process service = start(port);
        assertThat(post(port, "{\"query\":\"mutation { createProduct(inp: {name: \\\"Graceful\\\", price: 1}) { id } }\"}"))
                .contains("\"id\":");

        service.destroy(); // SIGTERM

        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("the service exits").isTrue();
        assertThat(ProcessHandle.allProcesses().filter(this::runsOnTheDataDirectory)).as("its PostgreSQL stopped").isEmpty();
        assertThat(Files.readAllLines(logOf(0))).as("a clean shutdown logs no error")
                .noneMatch(line -> line.contains(" ERROR ") || line.contains("Timed out during shutdown"));
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0, true);
             Connection connection = DriverManager.getConnection(database.endpoint().jdbcUrl(),
                     database.endpoint().username(), database.endpoint().password());
             ResultSet tokens = connection.createStatement()
                     .executeQuery("SELECT processorName, segment, owner FROM tokenentry")) {
            int segments = 0;
            while (tokens.next()) {
                segments++;
                assertThat(tokens.getString("owner")).as("owner of %s segment %d", tokens.getString("processorName"),
                        tokens.getInt("segment")).isNull();
            }
            assertThat(segments).as("the processors had claimed segments").isPositive();
        }
    }

    /**
     * The publisher is given a backlog (writes while the broker is down), then the service is killed as soon as it
     * publishes again, in the middle of its backlog. Restarted, it resumes from its stored position: what it
     * re-delivers is what followed that position, at most a batch, and Kafka gets every event, each entity's in order.
     * A transaction the kill left open would hold read_committed consumers for longer than this test waits: the
     * restarted publisher must fence it (ADR 17).
     */
    @Test
    void a_service_killed_in_the_middle_of_publishing_resumes_from_its_position_and_kafka_gets_every_event()
            throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            String[] publishing = {"--catalog.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "--catalog.kafka.topic=" + CRASH_TOPIC,
                    // The outage fails a batch within seconds rather than 30.
                    "--catalog.kafka.acknowledge-timeout=3s",
                    // Longer than this test waits: only fencing ends a transaction the kill leaves open.
                    "--catalog.kafka.properties.transaction.timeout.ms=600000"};
            int port = freePort();
            int databasePort = freePort();
            Acknowledged acknowledged = new Acknowledged();
            Process service = start(port, databasePort, publishing);
            writeConcurrentlyFor(WRITING, port, acknowledged, 1);
            Instant publishingStarted = Instant.now().plus(Duration.ofSeconds(60));
            while (kafka.readAll(CRASH_TOPIC).isEmpty() && Instant.now().isBefore(publishingStarted)) {
                Thread.sleep(200);
            }

            kafka.stopBroker();
            writeConcurrentlyFor(WRITING, port, acknowledged, 2);
            long stuck;
            try (Connection connection = connect(databasePort)) {
                stuck = publisherPosition(connection);
                kafka.startBroker();
                Instant resumed = Instant.now().plus(Duration.ofSeconds(60));
                while (publisherPosition(connection) == stuck && Instant.now().isBefore(resumed)) {
                    Thread.sleep(10);
                }
            }
            killTogether(service);

            long[] positionAndHead = publisherPositionAndHeadAtRest();
            List<ConsumerRecord<String, CloudEvent>> atTheKill = kafka.readAll(CRASH_TOPIC);
            List<String> leftOpen = kafka.openTransactions("catalog-kafka-publisher-" + CRASH_TOPIC);
            service = start(port, databasePort, publishing);
            writeConcurrentlyFor(Duration.ofSeconds(1), port, acknowledged, 3);

            // The cascades of deleted products append events after the writes: compare once both settle.
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            Map<String, List<Long>> stored = storedSequencesByAggregate(databasePort);
            List<ConsumerRecord<String, CloudEvent>> records = kafka.readAll(CRASH_TOPIC);
            Map<String, List<Long>> published = firstSeenSequences(records);
            while (!published.equals(stored) && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                stored = storedSequencesByAggregate(databasePort);
                records = kafka.readAll(CRASH_TOPIC);
                published = firstSeenSequences(records);
            }
            List<Long> redelivered = redeliveredPositions(atTheKill, records, databasePort);
            long position = positionAndHead[0];
            long head = positionAndHead[1];
            System.out.printf("publishing: stuck at %d during the outage, killed at %d with the head at %d, %d records "
                            + "on the topic and transactions %s left open; %d records re-delivered after the restart, "
                            + "%d events stored in all%n", stuck, position, head, atTheKill.size(), leftOpen,
                    redelivered.size(), stored.values().stream().mapToLong(List::size).sum());
            assertThat(position).as("the kill landed after the publisher resumed publishing its backlog").isGreaterThan(stuck);
            assertThat(head).as("... and before it caught up").isGreaterThan(position);
            long missing = stored.values().stream().mapToLong(List::size).sum()
                    - published.values().stream().mapToLong(List::size).sum();
            assertThat(missing).as("stored events a read_committed consumer has not seen 120 s after the restart").isZero();
            // Every stored event, each entity's in its order (first receptions; re-deliveries are duplicates).
            assertThat(published).isEqualTo(stored);
            assertThat(redelivered).as("re-delivered: only what followed the stored position").allMatch(p -> p > position);
            assertThat(redelivered.size()).as("re-delivered: at most the batch in flight, not the history of %d",
                    atTheKill.size()).isLessThanOrEqualTo(BATCH_SIZE);
        }
    }

    /**
     * The store positions of the events published again after the kill: records appended after the ones on the topic
     * at the kill, with a CloudEvent id that was already there.
     */
    private List<Long> redeliveredPositions(List<ConsumerRecord<String, CloudEvent>> atTheKill,
                                            List<ConsumerRecord<String, CloudEvent>> all, int databasePort)
            throws Exception {
        Map<Integer, Long> lastOffsets = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, CloudEvent> record : atTheKill) {
            lastOffsets.merge(record.partition(), record.offset(), Math::max);
            ids.add(record.value().getId());
        }
        Map<String, Long> positions = new HashMap<>();
        try (Connection connection = connect(databasePort);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT eventidentifier, globalindex FROM domainevententry")) {
            while (rows.next()) {
                positions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return all.stream()
                .filter(record -> record.offset() > lastOffsets.getOrDefault(record.partition(), -1L))
                .filter(record -> ids.contains(record.value().getId()))
                .map(record -> positions.get(record.value().getId()))
                .toList();
    }

    /** The publisher's position as stored in its token (one segment). */
    private static long publisherPosition(Connection connection) throws Exception {
        try (ResultSet token = connection.createStatement().executeQuery("SELECT convert_from(token, 'UTF8') "
                + "FROM tokenentry WHERE processorname = 'kafka-publisher'")) {
            assertThat(token.next()).as("the publisher's token").isTrue();
            return JSON.readTree(token.getString(1)).get("index").asLong();
        }
    }

    /** With the service dead, its database started alone: the publisher's stored position and the store's head. */
    private long[] publisherPositionAndHeadAtRest() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, 0, true);
             Connection connection = DriverManager.getConnection(database.endpoint().jdbcUrl(),
                     database.endpoint().username(), database.endpoint().password());
             ResultSet head = connection.createStatement().executeQuery("SELECT max(globalindex) FROM domainevententry")) {
            head.next();
            return new long[] {publisherPosition(connection), head.getLong(1)};
        }
    }

    private Connection connect(int databasePort) throws Exception {
        String password = Files.readString(dataDir.resolve("catalog-password")).strip();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres", password);
    }

    /** Each aggregate's event sequence numbers in the store, as record keys ({@code product/7}). */
    private Map<String, List<Long>> storedSequencesByAggregate(int databasePort) throws Exception {
        Map<String, List<Long>> stored = new TreeMap<>();
        try (Connection connection = connect(databasePort);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT aggregateidentifier, sequencenumber FROM domainevententry ORDER BY globalindex")) {
            while (rows.next()) {
                stored.computeIfAbsent(rows.getString(1).replaceFirst("-", "/"), key -> new ArrayList<>())
                        .add(rows.getLong(2));
            }
        }
        return stored;
    }

    /** Each key's sequence numbers in the order first received, a re-delivery checked to be the same event. */
    private static Map<String, List<Long>> firstSeenSequences(List<ConsumerRecord<String, CloudEvent>> records) {
        Map<String, List<Long>> byKey = new TreeMap<>();
        Map<String, String> idByKeyAndSequence = new HashMap<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            String sequence = (String) record.value().getExtension("sequence");
            String known = idByKeyAndSequence.putIfAbsent(record.key() + "#" + sequence, record.value().getId());
            if (known == null) {
                byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(Long.parseLong(sequence));
            } else {
                assertThat(record.value().getId()).as("re-delivery of %s #%s", record.key(), sequence).isEqualTo(known);
            }
        }
        return byKey;
    }

    private boolean runsOnTheDataDirectory(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains(dataDir.toString())).orElse(false);
    }

    private Path logOf(int run) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-" + run + ".log");
    }

    private Process start(int port) throws Exception {
        return start(port, 0);
    }

    private Process start(int port, int databasePort, String... more) throws Exception {
        Path jar = Path.of("target", "catalog.jar");
        assertThat(jar).exists();
        Files.createDirectories(dataDir.getParent());
        Path log = logOf(started.size());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString(),
                "--server.port=" + port, "--catalog.data-dir=" + dataDir,
                "--catalog.embedded-database.port=" + databasePort,
                // All the load comes from 127.0.0.1; the rate limit has its own tests.
                "--catalog.rate-limit.per-minute=0"));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(process);
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("service process alive, see %s", log).isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("service did not become healthy within " + STARTUP + ", see " + log);
    }

    private String post(int port, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\"errors\"");
        return response.body();
    }

    // --- the crash test

    private static final int ROUNDS = 3;
    private static final String CRASH_TOPIC = "catalog.events.crash";
    /** The default {@code catalog.processing.batch-size}: one Kafka transaction. */
    private static final int BATCH_SIZE = 100;
    private static final int CLIENTS = 16;
    private static final Duration WRITING = Duration.ofSeconds(3);

    /** What the service acknowledged (answered without error), across rounds. */
    private static final class Acknowledged {
        final Map<Integer, String> products = new ConcurrentHashMap<>();
        final Set<Integer> deletedProducts = ConcurrentHashMap.newKeySet();
        /** Deletions sent and not answered: cut off by a kill, they may or may not have committed. */
        final Set<Integer> deletionsUnanswered = ConcurrentHashMap.newKeySet();
        final Map<Integer, Integer> imageProducts = new ConcurrentHashMap<>();

        void assertAllVisible(int port, KillAndRestartIT test) throws Exception {
            JsonNode all = JSON.readTree(test.post(port, "{\"query\":\"{ getActiveProductsSortedById { id name "
                    + "images { id } } }\"}")).at("/data/getActiveProductsSortedById");
            Map<Integer, String> names = new HashMap<>();
            Set<Integer> images = new HashSet<>();
            all.forEach(product -> {
                names.put(product.get("id").asInt(), product.get("name").asString());
                product.get("images").forEach(image -> images.add(image.get("id").asInt()));
            });
            products.forEach((id, name) -> {
                if (deletionsUnanswered.contains(id)) {
                    return;
                }
                if (deletedProducts.contains(id)) {
                    assertThat(names).as("acknowledged deletion of product %d", id).doesNotContainKey(id);
                } else {
                    assertThat(names).as("acknowledged creation of product %d", id).containsEntry(id, name);
                }
            });
            imageProducts.forEach((image, product) -> {
                if (!deletedProducts.contains(product) && !deletionsUnanswered.contains(product)) {
                    assertThat(images).as("acknowledged image %d of product %d", image, product).contains(image);
                }
            });
        }
    }

    /** Writes as {@link Writers} do for {@code duration}, then lets every client finish its current request. */
    private void writeConcurrentlyFor(Duration duration, int port, Acknowledged acknowledged, int round)
            throws Exception {
        try (Writers writers = new Writers(port, acknowledged, round)) {
            Thread.sleep(duration.toMillis());
            writers.awaitAll();
        }
    }

    /**
     * {@value #CLIENTS} clients at once, each creating a product with an image and deleting every fourth product
     * it created, until stopped; what the service acknowledged (answered without error) is recorded. Once the kill
     * is expected, a request that fails was cut off by it and is not acknowledged; before, a failure fails the test.
     */
    private final class Writers implements AutoCloseable {
        private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        private final List<Future<?>> running = new ArrayList<>();
        private final AtomicInteger cutOff = new AtomicInteger();
        private volatile boolean stopping;
        private volatile boolean killExpected;

        Writers(int port, Acknowledged acknowledged, int round) {
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                running.add(clients.submit(() -> {
                    for (int n = 0; !stopping; n++) {
                        try {
                            write(port, acknowledged, "Crash r" + round + " c" + c + " n" + n, n % 4 == 3);
                        } catch (Exception | AssertionError failure) {
                            if (!killExpected) {
                                throw failure;
                            }
                            cutOff.incrementAndGet();
                            return null;
                        }
                    }
                    return null;
                }));
            }
        }

        /** From now on the clients stop, and a failed request counts as cut off by the kill. */
        void expectTheKill() {
            killExpected = true;
            stopping = true;
        }

        /** Stops the clients after their current request; returns how many requests the kill cut off. */
        int awaitAll() throws Exception {
            stopping = true;
            for (Future<?> client : running) {
                client.get();
            }
            return cutOff.get();
        }

        @Override
        public void close() {
            stopping = true;
            clients.close();
        }
    }

    private void write(int port, Acknowledged acknowledged, String name, boolean thenDelete) throws Exception {
        int product = id(post(port, "{\"query\":\"mutation { createProduct(inp: {name: \\\"" + name
                + "\\\", price: 2.5}) { id } }\"}"), "createProduct");
        acknowledged.products.put(product, name);
        int image = id(post(port, "{\"query\":\"mutation { createImage(inp: {url: \\\"https://img"
                + ".example.com/" + product + ".png\\\", productId: " + product + "}) { id } }\"}"), "createImage");
        acknowledged.imageProducts.put(image, product);
        if (thenDelete) {
            acknowledged.deletionsUnanswered.add(product);
            assertThat(post(port, "{\"query\":\"mutation { deleteProduct(productId: " + product + ") }\"}"))
                    .contains("deleted successfully");
            acknowledged.deletedProducts.add(product);
            acknowledged.deletionsUnanswered.remove(product);
        }
    }

    private static int id(String body, String field) {
        return JSON.readTree(body).at("/data/" + field + "/id").asInt();
    }

    /** SIGKILL to the service and to its PostgreSQL (postmaster and every backend) at once, as a crash does. */
    private void killTogether(Process service) throws Exception {
        long postmasterPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).getFirst().strip());
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
        List<ProcessHandle> victims = new ArrayList<>();
        victims.add(service.toHandle());
        victims.add(postmaster);
        victims.addAll(postmaster.descendants().toList());
        victims.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle victim : victims) {
            victim.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Once every projection has caught up, the views hold exactly what folding the stored events gives: the
     * products and images that are not deleted, each with the state and version of its last event.
     */
    private void assertViewsEqualReplayOfEvents(int databasePort) throws Exception {
        String password = Files.readString(dataDir.resolve("catalog-password")).strip();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres", password)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (true) {
                Map<String, List<String>> replayed = replay(connection);
                Map<String, List<String>> views = views(connection);
                if (replayed.equals(views) || Instant.now().isAfter(deadline)) {
                    assertThat(views.get("products")).as("product_view").containsExactlyElementsOf(replayed.get("products"));
                    assertThat(views.get("images")).as("image_view").containsExactlyElementsOf(replayed.get("images"));
                    return;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Products and images as rows of text, folded from the events in the order they were stored. */
    private static Map<String, List<String>> replay(Connection connection) throws Exception {
        Map<Long, String> products = new TreeMap<>();
        Map<Long, String> images = new TreeMap<>();
        try (ResultSet events = connection.createStatement().executeQuery("SELECT payloadtype, sequencenumber, "
                + "convert_from(payload, 'UTF8') FROM domainevententry ORDER BY globalindex")) {
            while (events.next()) {
                String type = events.getString(1).substring(events.getString(1).lastIndexOf('.') + 1);
                long version = events.getLong(2) + 1;
                JsonNode event = JSON.readTree(events.getString(3));
                switch (type) {
                    case "ProductCreatedEvent", "ProductUpdatedEvent" -> products.put(event.get("productId").asLong(),
                            event.get("productId").asLong() + "|" + event.get("name").asString() + "|"
                                    + new BigDecimal(event.get("price").asString()).setScale(2) + "|"
                                    + event.get("status").asString() + "|" + version);
                    case "ProductDeletedEvent" -> products.remove(event.get("productId").asLong());
                    case "ImageCreatedEvent", "ImageUpdatedEvent" -> images.put(event.get("imageId").asLong(),
                            event.get("imageId").asLong() + "|" + event.get("productId").asLong() + "|"
                                    + event.get("url").asString() + "|" + event.get("priority").asInt() + "|" + version);
                    case "ImageDeletedEvent" -> images.remove(event.get("imageId").asLong());
                    default -> throw new AssertionError("An event the replay does not know: " + type);
                }
            }
        }
        return Map.of("products", List.copyOf(products.values()), "images", List.copyOf(images.values()));
    }

    private static Map<String, List<String>> views(Connection connection) throws Exception {
        return Map.of(
                "products", rows(connection, "SELECT id || '|' || name || '|' || price || '|' || status || '|' || version "
                        + "FROM product_view ORDER BY id"),
                "images", rows(connection, "SELECT id || '|' || product_id || '|' || url || '|' || priority || '|' || version "
                        + "FROM image_view ORDER BY id"));
    }

    private static List<String> rows(Connection connection, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = connection.createStatement().executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
