package dev.catalog.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code catalog-admin projections rebuild} against the running service while clients read and write: the API
 * keeps answering from the live view, the switch loses nothing, and the new view equals the events.
 */
class ProjectionRebuildTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    private JsonNode post(String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query,
                        "variables", variables))))
                .build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private int admin(String... args) {
        AdminRun run = run(args);
        assertThat(run.status()).as(run.out() + "\n" + run.err()).isZero();
        return run.status();
    }

    private AdminRun run(String... args) {
        return AdminRun.against(port, args);
    }

    @org.springframework.beans.factory.annotation.Autowired
    javax.sql.DataSource dataSource;

    @Test
    void a_rebuild_left_in_the_background_shows_as_rebuilding_and_aborting_it_leaves_the_live_view() throws Exception {
        int product = createProduct(unique("Kept through an abort"), 3, null);
        try (java.sql.Connection writer = dataSource.getConnection(); java.sql.Statement statement = writer.createStatement()) {
            // A command's transaction that wrote the view and has not committed: the switch waits for it.
            writer.setAutoCommit(false);
            statement.execute("LOCK TABLE product_view IN ROW EXCLUSIVE MODE");
            AdminRun detached = run("projections", "rebuild", "product-view", "--detach");
            assertThat(detached.status()).as(detached.err()).isZero();
            assertThat(detached.out()).contains("product-view: rebuilding in the background");
            await().atMost(java.time.Duration.ofSeconds(30)).until(() -> run("projections", "list").out(),
                    list -> list.matches("(?s).*product-view\\s+inline\\s+rebuilding.*"));

            AdminRun aborted = run("projections", "rebuild", "product-view", "--abort");

            assertThat(aborted.status()).as(aborted.err()).isZero();
            assertThat(aborted.out()).contains("product-view: rebuild aborted; the live view is unchanged");
            writer.rollback();
        }
        assertThat(run("projections", "list").out()).containsPattern("product-view\\s+inline\\s+running");
        AdminRun none = run("projections", "rebuild", "product-view", "--abort");
        assertThat(none.status()).isEqualTo(3);
        assertThat(none.err()).contains("NOT_FOUND");
        JsonNode kept = post("query($id: Int!) { product(id: $id) { id } }", Map.of("id", product));
        assertThat(kept.at("/data/product/id").asInt()).isEqualTo(product);
    }

    @Test
    void rebuilding_both_views_under_reads_and_writes_answers_every_query_and_loses_no_write() throws Exception {
        List<Integer> products = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 20; i++) {
            int product = createProduct(unique("Rebuilt under load"), 10 + i, "ACTIVE");
            createImage(product, "https://img.example/" + product + "/a.png", 1);
            createImage(product, "https://img.example/" + product + "/b.png", 2);
            products.add(product);
        }
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        List<Future<?>> running = new java.util.ArrayList<>();
        for (int reader = 0; reader < 2; reader++) {
            running.add(clients.submit(() -> {
                while (!done.get()) {
                    int id = products.get(ThreadLocalRandom.current().nextInt(products.size()));
                    JsonNode answer = post("query($id: Int!) { product(id: $id) { id images { id } } }", Map.of("id", id));
                    if (answer.has("errors") || !answer.at("/data/product/id").isNumber()
                            || answer.at("/data/product/images").size() != 2) {
                        wrong.add("product " + id + ": " + answer);
                    }
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        running.add(clients.submit(() -> {
            while (!done.get()) {
                JsonNode created = post("mutation($inp: ProductInput!) { createProduct(inp: $inp) { id } }",
                        Map.of("inp", Map.of("name", unique("Written during the rebuild"), "price", 5)));
                int id = created.at("/data/createProduct/id").asInt();
                int image = post("mutation($inp: ImageInput!) { createImage(inp: $inp) { id } }", Map.of("inp",
                        Map.of("productId", id, "url", "https://img.example/during/" + id + ".png"))).at("/data/createImage/id").asInt();
                JsonNode read = post("query($id: Int!) { product(id: $id) { id images { id } } }", Map.of("id", id));
                if (created.has("errors") || read.has("errors") || read.at("/data/product/images/0/id").asInt() != image) {
                    wrong.add("own write " + id + ": " + created + " then " + read);
                }
                writes.incrementAndGet();
            }
            return null;
        }));

        try {
            admin("projections", "rebuild", "product-view", "--poll", "50");
            admin("projections", "rebuild", "image-view", "--poll", "50");
        } finally {
            done.set(true);
            for (Future<?> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        assertThat(wrong).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(writes.get()).isPositive();
        assertThat(admin("projections", "verify", "product-view")).isZero();
        assertThat(admin("projections", "verify", "image-view")).isZero();
    }
}
