package dev.catalog.benchmark;

import dev.catalog.benchmark.GraphQlClient.Answer;
import dev.catalog.benchmark.GraphQlClient.Failure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * The catalog's operations as the benchmark issues them, the data it seeded, and one "iteration" of a mix:
 * a read, or a write followed by the read that checks it (read your writes).
 */
final class Workload {

    static final String PRODUCT = """
            query Product($id: Int!) {
              product(id: $id) { id name price status version images { id url priority } }
            }""";
    static final String PRODUCTS_PAGE = """
            query Page($search: String!) {
              products(first: 20, filter: {search: $search}) {
                edges { cursor node { id name price status images { id url priority } } }
                pageInfo { hasNextPage endCursor }
              }
            }""";
    static final String ACTIVE_SORTED = "query Sorted { getActiveProductsSortedById { id name price } }";
    static final String SEARCH_BY_NAME = """
            query Search($search: String!) {
              searchActiveProductsByName(search: $search) { id name price images { url priority } }
            }""";
    static final String UPDATE_PRODUCT = """
            mutation Update($id: Int!, $input: ProductInput!) {
              updateProduct(productId: $id, input: $input) { id price version }
            }""";
    static final String CREATE_IMAGE = """
            mutation CreateImage($inp: ImageInput!) { createImage(inp: $inp) { id productId } }""";
    static final String DELETE_IMAGE = "mutation DeleteImage($id: Int!) { deleteImage(imageId: $id) }";
    static final String VERIFY = "query Verify($id: Int!) { product(id: $id) { id price version images { id } } }";
    static final String CREATE_PRODUCT = """
            mutation Seed($inp: ProductInput!) { createProduct(inp: $inp) { id name price } }""";
    static final String DELETE_PRODUCT = "mutation Cleanup($id: Int!) { deleteProduct(productId: $id) }";

    /** Products per search group: a search for one group finds about this many products. */
    static final int GROUP_SIZE = 20;
    /** Largest --products for which getActiveProductsSortedById (every active product) is part of the reads. */
    static final int MAX_PRODUCTS_FOR_FULL_LIST = 1000;

    /** A seeded product; {@code busy} keeps two writers off the same product so the check stays exact. */
    static final class SeededProduct {
        final int index;
        final String name;
        final int group;
        volatile int id;
        final AtomicLong priceCents;
        final AtomicBoolean busy = new AtomicBoolean();

        SeededProduct(int index, String name, int group, long priceCents) {
            this.index = index;
            this.name = name;
            this.group = group;
            this.priceCents = new AtomicLong(priceCents);
        }
    }

    /** Latency of an iteration's first request counts from its intended start in the open-loop mode. */
    private static final class Iteration {
        private long intendedStart;

        Iteration(long intendedStart) {
            this.intendedStart = intendedStart;
        }

        long start() {
            long start = intendedStart >= 0 ? intendedStart : System.nanoTime();
            intendedStart = -1;
            return start;
        }
    }

    @FunctionalInterface
    private interface Validator {
        void validate(JsonNode data) throws Failure;
    }

    private final GraphQlClient client;
    private final String runId;
    private final Mix mix;
    private final Measurements measurements;
    private final ReadYourWrites readYourWrites;
    private final List<SeededProduct> products;
    private final int groups;
    private final List<Operation> reads;
    private final AtomicLong imageSerial = new AtomicLong();

    Workload(GraphQlClient client, String runId, int productCount, Mix mix, Measurements measurements,
             ReadYourWrites readYourWrites) {
        this.client = client;
        this.runId = runId;
        this.mix = mix;
        this.measurements = measurements;
        this.readYourWrites = readYourWrites;
        this.groups = Math.max(1, (productCount + GROUP_SIZE - 1) / GROUP_SIZE);
        List<SeededProduct> seeded = new ArrayList<>(productCount);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < productCount; i++) {
            int group = i % groups;
            seeded.add(new SeededProduct(i, productName(runId, group, i), group, random.nextLong(100, 100_000_00)));
        }
        this.products = Collections.unmodifiableList(seeded);
        this.reads = productCount <= MAX_PRODUCTS_FOR_FULL_LIST
                ? List.of(Operation.PRODUCT, Operation.PRODUCTS_PAGE, Operation.ACTIVE_SORTED, Operation.SEARCH_BY_NAME)
                : List.of(Operation.PRODUCT, Operation.PRODUCTS_PAGE, Operation.SEARCH_BY_NAME);
    }

    /**
     * A unique name per run: the run id, the search group and the product's number, each a word of its own
     * so that a search for "{@code runId gNNNNN}" finds exactly the products of that group.
     */
    static String productName(String runId, int group, int index) {
        return "Bench %s g%05d n%06d".formatted(runId, group, index);
    }

    static String searchFor(String runId, int group) {
        return "%s g%05d".formatted(runId, group);
    }

    List<SeededProduct> products() {
        return products;
    }

    List<Operation> reads() {
        return reads;
    }

    // ---------------------------------------------------------------- seeding and clean-up

    /** Creates one seeded product; returns null or why it failed. */
    String seedProduct(SeededProduct product, boolean inactive) throws InterruptedException {
        try {
            Answer answer = client.execute(CREATE_PRODUCT, Map.of("inp", Map.of("name", product.name,
                    "price", price(product.priceCents.get()), "status", inactive ? "INACTIVE" : "ACTIVE")));
            product.id = answer.data().path("createProduct").path("id").asInt(0);
            return product.id > 0 ? null : "createProduct answered no id";
        } catch (Failure e) {
            return "createProduct: " + e.getMessage();
        }
    }

    /** Adds image {@code number} to a seeded product; returns null or why it failed. */
    String seedImage(SeededProduct product, int number) throws InterruptedException {
        try {
            client.execute(CREATE_IMAGE, Map.of("inp", Map.of(
                    "url", "https://img.example.com/bench/%s/n%06d/seed-%d.jpg".formatted(runId, product.index, number),
                    "priority", ThreadLocalRandom.current().nextInt(0, 101),
                    "productId", product.id)));
            return null;
        } catch (Failure e) {
            return "createImage: " + e.getMessage();
        }
    }

    /** Deletes a seeded product (and its images); returns null or why it failed. */
    String delete(SeededProduct product) throws InterruptedException {
        try {
            client.execute(DELETE_PRODUCT, Map.of("id", product.id));
            return null;
        } catch (Failure e) {
            return "deleteProduct: " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------- load

    /**
     * One step of the mix. {@code intendedStartNanos} is the open-loop arrival time (its first request's
     * latency counts from then), or -1 in the closed loop.
     */
    void iterate(long intendedStartNanos) throws InterruptedException {
        Iteration iteration = new Iteration(intendedStartNanos);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean write = switch (mix) {
            case READS -> false;
            case WRITES -> true;
            case MIXED -> random.nextInt(100) < Mix.MIXED_WRITE_PERCENT;
        };
        if (!write) {
            read(iteration, reads.get(random.nextInt(reads.size())));
            return;
        }
        SeededProduct product = acquire();
        if (product == null) {
            return;
        }
        try {
            if (random.nextBoolean()) {
                updateProduct(iteration, product);
            } else {
                imagePair(iteration, product);
            }
        } finally {
            product.busy.set(false);
        }
    }

    private void read(Iteration iteration, Operation operation) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        switch (operation) {
            case PRODUCT -> {
                SeededProduct product = products.get(random.nextInt(products.size()));
                call(iteration, operation, PRODUCT, Map.of("id", product.id), data -> {
                    if (data.path("product").isNull() || data.path("product").isMissingNode()) {
                        throw new Failure("product(id) answered null for a seeded product");
                    }
                });
            }
            case PRODUCTS_PAGE -> call(iteration, operation, PRODUCTS_PAGE,
                    Map.of("search", searchFor(runId, random.nextInt(groups))), data -> {
                        if (data.path("products").path("edges").isEmpty()) {
                            throw new Failure("products(filter: {search}) found none of a seeded group");
                        }
                    });
            case ACTIVE_SORTED -> call(iteration, operation, ACTIVE_SORTED, Map.of(), data -> {
                if (data.path("getActiveProductsSortedById").size() < products.size()) {
                    throw new Failure("getActiveProductsSortedById returned fewer products than were seeded");
                }
            });
            case SEARCH_BY_NAME -> call(iteration, operation, SEARCH_BY_NAME,
                    Map.of("search", searchFor(runId, random.nextInt(groups))), data -> {
                        if (data.path("searchActiveProductsByName").isEmpty()) {
                            throw new Failure("searchActiveProductsByName found none of a seeded group");
                        }
                    });
            default -> throw new IllegalArgumentException(operation + " is not a read");
        }
    }

    /** Same name, a new price; then the product must show that price. */
    private void updateProduct(Iteration iteration, SeededProduct product) throws InterruptedException {
        long oldCents = product.priceCents.get();
        long newCents;
        do {
            newCents = ThreadLocalRandom.current().nextLong(100, 100_000_00);
        } while (newCents == oldCents);
        long cents = newCents;
        Answer answer = call(iteration, Operation.UPDATE_PRODUCT, UPDATE_PRODUCT, Map.of(
                "id", product.id,
                "input", Map.of("name", product.name, "price", price(cents), "status", "ACTIVE")), data -> {
            if (data.path("updateProduct").isNull()) {
                throw new Failure("updateProduct answered null for a seeded product");
            }
        });
        if (answer == null) {
            // Failed: the price may or may not have changed; the next update sets a known one again.
            return;
        }
        product.priceCents.set(cents);
        Answer read = readAfterWrite(iteration, product);
        if (read == null) {
            return;
        }
        JsonNode seen = read.data().path("product");
        long seenCents = seen.path("price").isNumber() ? Math.round(seen.path("price").doubleValue() * 100) : -1;
        if (seenCents != cents) {
            readYourWrites.violation("updateProduct(%d) set price %s, then product(%d) showed %s (version %s)"
                    .formatted(product.id, price(cents), product.id,
                            seenCents < 0 ? seen.toString() : price(seenCents).toPlainString(),
                            seen.path("version").asString("?")));
        }
    }

    /** createImage, then the product must list it; deleteImage, then it must not. */
    private void imagePair(Iteration iteration, SeededProduct product) throws InterruptedException {
        String url = "https://img.example.com/bench/%s/n%06d/w%d.jpg"
                .formatted(runId, product.index, imageSerial.incrementAndGet());
        Answer created = call(iteration, Operation.CREATE_IMAGE, CREATE_IMAGE, Map.of("inp", Map.of(
                "url", url, "priority", ThreadLocalRandom.current().nextInt(0, 101), "productId", product.id)), data -> {
            if (data.path("createImage").path("id").asInt(0) <= 0) {
                throw new Failure("createImage answered no id");
            }
        });
        if (created == null) {
            return;
        }
        int imageId = created.data().path("createImage").path("id").asInt();
        checkImage(iteration, product, imageId, true);

        Answer deleted = call(iteration, Operation.DELETE_IMAGE, DELETE_IMAGE, Map.of("id", imageId), data -> {
            String message = data.path("deleteImage").asString("");
            if (!message.equals("Image deleted successfully.")) {
                throw new Failure("deleteImage answered \"" + message + "\"");
            }
        });
        if (deleted != null) {
            checkImage(iteration, product, imageId, false);
        }
    }

    /**
     * Reads the product back after a write and counts the read-your-writes check; null (counted as
     * uncheckable) when the read itself failed.
     */
    private Answer readAfterWrite(Iteration iteration, SeededProduct product) throws InterruptedException {
        Answer read = call(iteration, Operation.VERIFY_READ, VERIFY, Map.of("id", product.id), null);
        if (read == null) {
            readYourWrites.uncheckable();
            return null;
        }
        readYourWrites.checked();
        return read;
    }

    private void checkImage(Iteration iteration, SeededProduct product, int imageId, boolean expected)
            throws InterruptedException {
        Answer read = readAfterWrite(iteration, product);
        if (read == null) {
            return;
        }
        boolean listed = false;
        for (JsonNode image : read.data().path("product").path("images")) {
            listed |= image.path("id").asInt() == imageId;
        }
        if (listed != expected) {
            readYourWrites.violation("%s image %d, then product(%d) %s it".formatted(
                    expected ? "createImage added" : "deleteImage deleted", imageId, product.id,
                    listed ? "still listed" : "did not list"));
        }
    }

    /** A product no other writer holds, or null when none came free within a second. */
    private SeededProduct acquire() throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long giveUp = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < giveUp) {
            for (int attempt = 0; attempt < 32; attempt++) {
                SeededProduct product = products.get(random.nextInt(products.size()));
                if (product.busy.compareAndSet(false, true)) {
                    return product;
                }
            }
            Thread.sleep(1);
        }
        return null;
    }

    /** Sends one request, checks and records it; returns the answer, or null when it failed (and was counted). */
    private Answer call(Iteration iteration, Operation operation, String query, Map<String, Object> variables,
                        Validator validator) throws InterruptedException {
        long start = iteration.start();
        try {
            Answer answer = client.execute(query, variables);
            long latency = System.nanoTime() - start;
            if (validator != null) {
                validator.validate(answer.data());
            }
            measurements.success(operation, start, latency);
            return answer;
        } catch (Failure e) {
            measurements.failure(operation, start, e.getMessage());
            return null;
        } catch (RuntimeException e) {
            measurements.failure(operation, start, e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        }
    }

    static BigDecimal price(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
