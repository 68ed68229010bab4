package dev.catalog.gateway.subscription;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import tools.jackson.databind.JsonNode;

/**
 * Writers through several instances at once, until stopped: each creates a product, updates it three times, and
 * starts again, taking the instances in turn for every write. Creations of different products are group-committed
 * and the instances commit side by side, so positions in the store commit out of order and leave gaps for a while.
 * A product is written by one writer, one change after the other, so its versions are 1 to 4, and each write's
 * times tell whether it was committed before a moment (answered before it) or after (sent after it).
 */
final class ConcurrentWriters implements AutoCloseable {

    /** An acknowledged write: product {@code id} at {@code version}; {@code sent} and {@code answered} in nano time. */
    record Write(int id, int version, long sent, long answered) {
    }

    private final String tag = "Written " + UUID.randomUUID().toString().substring(0, 8);
    private final Queue<Write> acknowledged = new ConcurrentLinkedQueue<>();
    private final ExecutorService pool;
    private final List<Future<?>> writers = new ArrayList<>();
    private volatile boolean stopped;

    ConcurrentWriters(int count, HttpGraphQlTester... instances) {
        pool = Executors.newFixedThreadPool(count);
        for (int w = 0; w < count; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                int turn = writer;
                for (int product = 0; !stopped; product++) {
                    String name = tag + " " + writer + "-" + product;
                    long sent = System.nanoTime();
                    int id = create(instances[turn++ % instances.length], name);
                    acknowledged.add(new Write(id, 1, sent, System.nanoTime()));
                    for (int version = 2; version <= 4; version++) {
                        sent = System.nanoTime();
                        SubscriptionsTest.updateProduct(instances[turn++ % instances.length], id, name + " v" + version, version);
                        acknowledged.add(new Write(id, version, sent, System.nanoTime()));
                    }
                }
                return null;
            }));
        }
    }

    /** Whether {@code change} (a {@code ProductChange}) is of a product these writers created. */
    boolean wrote(JsonNode change) {
        JsonNode product = change.get("product");
        return product != null && !product.isNull() && product.get("name").asString().startsWith(tag + " ");
    }

    /** Waits until {@code count} more writes are acknowledged. */
    void awaitMore(int count) throws InterruptedException {
        int target = acknowledged.size() + count;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (acknowledged.size() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " writes in 30 s");
            }
            Thread.sleep(5);
        }
    }

    /** Stops every writer once its product has its four versions; returns the writes, failing if one failed. */
    List<Write> stop() throws InterruptedException, ExecutionException {
        stopped = true;
        for (Future<?> writer : writers) {
            writer.get();
        }
        pool.shutdown();
        return List.copyOf(acknowledged);
    }

    /** Each product's last version. */
    static Map<Integer, Integer> lastVersions(Collection<Write> writes) {
        return writes.stream().collect(Collectors.toMap(Write::id, Write::version, Math::max));
    }

    @Override
    public void close() {
        stopped = true;
        pool.shutdownNow();
    }

    private static int create(HttpGraphQlTester instance, String name) {
        return instance.documentName("createProduct").variable("inp", Map.of("name", name, "price", 1))
                .execute().path("createProduct.id").entity(Integer.class).get();
    }
}
