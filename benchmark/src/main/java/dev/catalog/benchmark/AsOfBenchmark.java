package dev.catalog.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a product with many changes as of random times and versions (issue 28): makes one product with
 * {@code --changes} changes, then times {@code --reads} {@code product(id, asOf:)} and as many
 * {@code product(id, version:)} reads, one at a time, and prints p50, p95, p99 and max in milliseconds.
 */
@Command(name = "as-of-benchmark", mixinStandardHelpOptions = true)
public final class AsOfBenchmark implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--url", required = true, description = "The service, e.g. http://127.0.0.1:8080")
    String url;

    @Option(names = "--changes", defaultValue = "500")
    int changes;

    @Option(names = "--reads", defaultValue = "2000")
    int reads;

    @Option(names = "--warmup-reads", defaultValue = "2000")
    int warmupReads;

    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) {
        System.exit(new CommandLine(new AsOfBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String name = "As of " + UUID.randomUUID();
        int id = post("mutation { createProduct(inp: {name: \"" + name + "\", price: 1}) { id } }")
                .at("/data/createProduct/id").asInt();
        List<Instant> times = new ArrayList<>();
        for (int i = 1; i < changes; i++) {
            times.add(Instant.parse(post("mutation { updateProduct(productId: " + id + ", input: {name: \"" + name
                    + " " + i + "\", price: " + (i % 500 + 1) + "}) { updatedAt } }")
                    .at("/data/updateProduct/updatedAt").asString()));
        }
        System.out.printf("product %d: %d changes made%n", id, changes);
        Random random = new Random(42);
        String fields = "{ id name price status version images { id url } }";
        for (int i = 0; i < warmupReads; i++) {
            post("{ product(id: " + id + ", asOf: \"" + times.get(random.nextInt(times.size())) + "\") " + fields + " }");
        }
        Histogram asOf = new Histogram(3);
        Histogram byVersion = new Histogram(3);
        for (int i = 0; i < reads; i++) {
            Instant at = times.get(random.nextInt(times.size()));
            long start = System.nanoTime();
            JsonNode answer = post("{ product(id: " + id + ", asOf: \"" + at + "\") " + fields + " }");
            asOf.recordValue((System.nanoTime() - start) / 1000);
            check(answer);
            int version = random.nextInt(changes) + 1;
            start = System.nanoTime();
            answer = post("{ product(id: " + id + ", version: " + version + ") " + fields + " }");
            byVersion.recordValue((System.nanoTime() - start) / 1000);
            check(answer);
            if (answer.at("/data/product/version").asInt() != version) {
                throw new IllegalStateException("version " + version + " read as " + answer);
            }
        }
        System.out.println();
        System.out.println("| read of a product with " + changes + " changes | reads | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        row("product(id, asOf:)", asOf);
        row("product(id, version:)", byVersion);
        return 0;
    }

    private static void row(String name, Histogram histogram) {
        System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f |%n", name, histogram.getTotalCount(),
                histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
    }

    private static void check(JsonNode answer) {
        if (answer.has("errors") || answer.at("/data/product").isNull()) {
            throw new IllegalStateException("unexpected answer: " + answer);
        }
    }

    private JsonNode post(String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Map.of("query", query))))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (answer.has("errors")) {
            throw new IllegalStateException(query + " -> " + response.body());
        }
        return answer;
    }
}
