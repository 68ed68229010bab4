package dev.catalog.gateway.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients of the deployment, each on its own thread, through Nginx: each creates a product, reads it back at once
 * (through whichever instance Nginx picks), and now and then gives it an image and deletes it, which the image
 * cascade completes. Records what was acknowledged, what failed and when, and any read that missed a write it
 * followed.
 */
final class Load implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A request that got no answer, or an answer with errors: when it was sent and when it ended. */
    record Failure(String operation, Instant sent, Instant ended, String detail) {
    }

    final Map<Integer, String> products = new ConcurrentHashMap<>();
    /**
     * Products whose deletion failed with an error: its outcome is unknown (a commit cut off from the database may have
     * reached it, and the error says "a mutation may still have been applied"), so each is either still there with its
     * name or gone.
     */
    final Map<Integer, String> productsMaybeDeleted = new ConcurrentHashMap<>();
    /** Deleted products' images: the cascade must delete them. */
    final Map<Integer, Integer> imagesOfDeletedProducts = new ConcurrentHashMap<>();
    final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
    final Queue<String> readMisses = new ConcurrentLinkedQueue<>();
    final AtomicLong requests = new AtomicLong();
    /** Requests sent again because Nginx closed their idle kept-alive connection before reading them. */
    final AtomicLong resent = new AtomicLong();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI graphql;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    Load(int nginxPort, int clients) {
        this.graphql = URI.create("http://127.0.0.1:" + nginxPort + "/graphql");
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().name("load-" + i).start(this::run));
        }
    }

    private void run() {
        while (running) {
            // The whole UUID: the class's tests create some 14,000 products in one database, where 8 hex digits
            // collide in about one run in 40 (a CONFLICT on the name, counted as a failed request).
            String name = "Deployed " + UUID.randomUUID();
            JsonNode created = send("createProduct", "mutation($n: String!) { createProduct(inp: {name: $n, price: 9.5}) { id } }",
                    Map.of("n", name));
            if (created == null) {
                continue;
            }
            int id = created.at("/createProduct/id").asInt();
            products.put(id, name);
            JsonNode read = send("product", "query($id: Int!) { product(id: $id) { name } }", Map.of("id", id));
            if (read != null && !name.equals(read.at("/product/name").asString(""))) {
                readMisses.add("product " + id + " read back as " + read);
            }
            if (ThreadLocalRandom.current().nextInt(5) == 0) {
                JsonNode image = send("createImage", "mutation($id: Int!) { createImage(inp: {url: \"https://e.example.com/d.png\", productId: $id}) { id } }",
                        Map.of("id", id));
                if (image != null) {
                    if (send("deleteProduct", "mutation($id: Int!) { deleteProduct(productId: $id) }",
                            Map.of("id", id)) != null) {
                        products.remove(id);
                        imagesOfDeletedProducts.put(image.at("/createImage/id").asInt(), id);
                    } else {
                        products.remove(id);
                        productsMaybeDeleted.put(id, name);
                    }
                }
            }
            pause(20);
        }
    }

    /** The answer's data, or null after recording the failure. */
    private JsonNode send(String operation, String query, Map<String, Object> variables) {
        Instant sent = Instant.now();
        requests.incrementAndGet();
        try {
            HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables))))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (!closedBeforeAnyAnswer(e)) {
                    throw e;
                }
                // A reloading Nginx's old workers close their idle kept-alive connections; a request written into one
                // at that moment was never read (Nginx answers every request it reads, 502 included), so it is sent
                // again, as browsers do. The JDK's client resends only idempotent methods by itself.
                resent.incrementAndGet();
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            }
            JsonNode body = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (body == null || body.has("errors")) {
                failures.add(new Failure(operation, sent, Instant.now(), response.statusCode() + " " + response.body()));
                return null;
            }
            return body.get("data");
        } catch (Exception e) {
            failures.add(new Failure(operation, sent, Instant.now(), e.toString()));
            return null;
        }
    }

    private static boolean closedBeforeAnyAnswer(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("header parser received no bytes");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every client after its request under way. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
        }
    }
}
