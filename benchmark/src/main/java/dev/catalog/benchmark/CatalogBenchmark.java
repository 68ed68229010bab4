package dev.catalog.benchmark;

import dev.catalog.benchmark.Measurements.Phase;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Load-tests a running catalog through its GraphQL endpoint: seeds products with images, warms up, then
 * measures a mix of reads and writes with HdrHistogram, checking every answer and reading every write back.
 */
@Command(name = "catalog-benchmark", mixinStandardHelpOptions = true, version = "catalog-benchmark 0.1.0",
        sortOptions = false, usageHelpWidth = 110,
        description = {
                "Load-tests a running catalog over real HTTP (GraphQL POST).",
                "Seeds --products products with --images-per-product images each (names unique to this run), warms "
                        + "up, then measures for --duration. Closed loop (--concurrency virtual users, each sending "
                        + "its next request when the last one answered) unless --rate asks for an open loop.",
                "Every answer is checked (HTTP 200, no \"errors\", the expected data); every write is read back "
                        + "(read your writes)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the run completed without errors nor read-your-writes violations",
                "1:some requests failed or some writes were not visible to the read that followed",
                "2:invalid arguments",
                "3:the service could not be reached or the seeding failed"})
public final class CatalogBenchmark implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "http://localhost:8080/graphql", paramLabel = "URL",
            description = "The GraphQL endpoint (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--products", defaultValue = "200", paramLabel = "N",
            description = "Products to seed (default: ${DEFAULT-VALUE}). getActiveProductsSortedById is among the "
                    + "reads only up to " + Workload.MAX_PRODUCTS_FOR_FULL_LIST + ".")
    int products;

    @Option(names = "--images-per-product", defaultValue = "3", paramLabel = "N",
            description = "Images to seed per product (default: ${DEFAULT-VALUE}).")
    int imagesPerProduct;

    @Option(names = "--duration", defaultValue = "30s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to measure: 30s, 2m, 500ms, PT30S (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to run the same load before measuring (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--concurrency", defaultValue = "32", paramLabel = "N",
            description = "Virtual users (virtual threads) of the closed loop; also the seeding parallelism "
                    + "(default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--mix", defaultValue = "mixed", paramLabel = "reads|writes|mixed",
            description = "reads: product(id), products(filter: {search}), getActiveProductsSortedById, "
                    + "searchActiveProductsByName, evenly. writes: updateProduct (same name, new price) or a "
                    + "createImage+deleteImage pair, each write read back. mixed: 90%% reads, 10%% writes "
                    + "(default: ${DEFAULT-VALUE}).")
    Mix mix;

    @Option(names = "--rate", paramLabel = "N",
            description = "Open loop: start N iterations per second whatever the answers' pace; latency counts "
                    + "from each iteration's intended start (no coordinated omission). Default: closed loop.")
    Double rate;

    @Option(names = "--max-in-flight", defaultValue = "1000", paramLabel = "N",
            description = "Open loop only: iterations running at once at most; further arrivals wait (and their "
                    + "wait counts in their latency) (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Per-request timeout; a timeout is an error (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--token", defaultValue = "${env:CATALOG_BENCHMARK_TOKEN}", paramLabel = "JWT",
            description = "A bearer token sent with every request, for a service that verifies tokens "
                    + "(default: $CATALOG_BENCHMARK_TOKEN, else none).")
    String token;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "3 to 12 lowercase letters or digits, starting with a letter, in every seeded name "
                    + "(default: random).")
    String runId;

    @Option(names = "--cleanup", description = "Delete the seeded products (and their images) at the end.")
    boolean cleanup;

    @Option(names = "--seed-only", description = "Seed, then stop: no load (bin/benchmark --compare seeds this way).")
    boolean seedOnly;

    @Option(names = "--inactive-every", defaultValue = "0", paramLabel = "N",
            description = "With --seed-only: every N-th seeded product is INACTIVE; 0 for none (default: ${DEFAULT-VALUE}).")
    int inactiveEvery;

    @Option(names = "--progress", defaultValue = "5s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How often to print a progress line; 0 for never (default: ${DEFAULT-VALUE}).")
    Duration progress;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Options given twice take the last value, so a script can put its defaults before the user's arguments. */
    static CommandLine commandLine() {
        return new CommandLine(new CatalogBenchmark())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOverwrittenOptionsAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (runId == null) {
            runId = randomRunId();
        }
        Measurements measurements = new Measurements();
        ReadYourWrites readYourWrites = new ReadYourWrites();
        try (GraphQlClient client = new GraphQlClient(url, timeout, token)) {
            printHeader();
            try {
                client.execute("query Ping { __typename }", Map.of());
            } catch (GraphQlClient.Failure e) {
                out.println("cannot use " + url + ": " + e.getMessage());
                return 3;
            }
            Workload workload = new Workload(client, runId, products, mix, measurements, readYourWrites);
            if (!seed(workload)) {
                return 3;
            }
            if (seedOnly) {
                return 0;
            }
            if (rate == null) {
                closedLoop(workload, measurements);
            } else {
                openLoop(workload, measurements);
            }
            printResults(measurements, readYourWrites);
            if (cleanup) {
                cleanup(workload);
            }
        }
        long errors = measurements.errors();
        long violations = readYourWrites.violations();
        out.println();
        String load = loadAverage();
        if (!load.isEmpty()) {
            out.println("machine    at the end: " + load.substring(2));
        }
        if (errors == 0 && violations == 0) {
            out.println("result: OK (no errors, no read-your-writes violations)");
            return 0;
        }
        out.printf("result: %d failed requests, %d read-your-writes violations%n", errors, violations);
        return 1;
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (products < 1) {
            problems.add("--products must be at least 1");
        }
        if (imagesPerProduct < 0) {
            problems.add("--images-per-product must be at least 0");
        }
        if (concurrency < 1) {
            problems.add("--concurrency must be at least 1");
        }
        if (duration.isZero() || duration.isNegative()) {
            problems.add("--duration must be positive");
        }
        if (rate != null && !(rate > 0 && rate <= 1_000_000)) {
            problems.add("--rate must be above 0 and at most 1000000");
        }
        if (maxInFlight < 1) {
            problems.add("--max-in-flight must be at least 1");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add("--timeout must be positive");
        }
        if (inactiveEvery < 0) {
            problems.add("--inactive-every must be at least 0");
        }
        if (inactiveEvery > 0 && !seedOnly) {
            problems.add("--inactive-every needs --seed-only (the load expects every seeded product active)");
        }
        if (runId != null && !runId.matches("[a-z][a-z0-9]{2,11}")) {
            problems.add("--run-id must be 3 to 12 lowercase letters or digits, starting with a letter");
        }
        if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
            problems.add("--url must be an absolute http or https URL");
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
    }

    static String randomRunId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder("r");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    // ---------------------------------------------------------------- phases

    private boolean seed(Workload workload) throws InterruptedException {
        long start = System.nanoTime();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        inParallel(workload.products(), product -> {
            String failure = workload.seedProduct(product, inactiveEvery > 0 && (product.index + 1) % inactiveEvery == 0);
            if (failure != null) {
                failures.add(failure);
            }
        });
        if (failures.isEmpty() && imagesPerProduct > 0) {
            List<int[]> images = new ArrayList<>();
            for (int p = 0; p < products; p++) {
                for (int i = 0; i < imagesPerProduct; i++) {
                    images.add(new int[] {p, i});
                }
            }
            inParallel(images, image -> {
                String failure = workload.seedImage(workload.products().get(image[0]), image[1]);
                if (failure != null) {
                    failures.add(failure);
                }
            });
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        int mutations = products + products * imagesPerProduct;
        if (!failures.isEmpty()) {
            out.printf("seeding failed: %d of the mutations failed; the first ones:%n", failures.size());
            failures.stream().limit(5).forEach(failure -> out.println("  " + failure));
            return false;
        }
        out.printf(Locale.ROOT, "seeded     %d products with %d images each in %s (%d mutations, %.0f/s)%n",
                products, imagesPerProduct, Report.seconds(took), mutations,
                mutations / Math.max(1e-9, took.toNanos() / 1e9));
        return true;
    }

    @FunctionalInterface
    private interface Task<T> {
        void run(T item) throws InterruptedException;
    }

    private <T> void inParallel(List<T> items, Task<T> task) throws InterruptedException {
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : items) {
                permits.acquire();
                executor.submit(() -> {
                    try {
                        task.run(item);
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
        }
    }

    private void closedLoop(Workload workload, Measurements measurements) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + duration.toNanos();
        measurements.window(measureStart, end);
        out.printf("running    %s warm-up, then %s measured%n", Report.seconds(warmup), Report.seconds(duration));
        Thread progressLine = progress(measurements, start, measureStart, end);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int user = 0; user < concurrency; user++) {
                executor.submit(() -> {
                    while (System.nanoTime() < end) {
                        workload.iterate(-1);
                    }
                    return null;
                });
            }
        } finally {
            progressLine.interrupt();
        }
    }

    private void openLoop(Workload workload, Measurements measurements) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + duration.toNanos();
        measurements.window(measureStart, end);
        out.printf("running    %s warm-up, then %s measured%n", Report.seconds(warmup), Report.seconds(duration));
        double periodNanos = 1e9 / rate;
        Semaphore inFlight = new Semaphore(maxInFlight);
        Thread progressLine = progress(measurements, start, measureStart, end);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long arrival = 0; ; arrival++) {
                long intended = start + Math.round(arrival * periodNanos);
                if (intended >= end) {
                    break;
                }
                long wait;
                while ((wait = intended - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquire();
                executor.submit(() -> {
                    try {
                        workload.iterate(intended);
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
        } finally {
            progressLine.interrupt();
        }
    }

    private Thread progress(Measurements measurements, long start, long measureStart, long end) {
        if (progress.isZero() || progress.isNegative()) {
            return Thread.ofPlatform().unstarted(() -> { });
        }
        return Thread.ofPlatform().daemon().name("progress").start(() -> {
            long lastRequests = 0;
            long lastTime = start;
            try {
                while (true) {
                    Thread.sleep(progress);
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    long requests = measurements.requests();
                    out.printf(Locale.ROOT, "  %6.1f s  %-8s %8d requests %9.1f/s  %d errors%n",
                            (now - start) / 1e9, (lastTime + now) / 2 < measureStart ? "warm-up" : "measured",
                            requests,
                            (requests - lastRequests) / ((now - lastTime) / 1e9), measurements.errors());
                    lastRequests = requests;
                    lastTime = now;
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        });
    }

    private void cleanup(Workload workload) throws InterruptedException {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        inParallel(workload.products(), product -> {
            String failure = workload.delete(product);
            if (failure != null) {
                failures.add(failure);
            }
        });
        out.printf("cleanup    deleted %d of the %d seeded products%n", products - failures.size(), products);
        failures.stream().limit(5).forEach(failure -> out.println("  " + failure));
    }

    // ---------------------------------------------------------------- output

    private void printHeader() {
        Runtime runtime = Runtime.getRuntime();
        out.println("Catalog benchmark, run " + runId + ", " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        out.println("target     " + url);
        out.println("load       " + (rate == null
                ? "closed loop, " + concurrency + " virtual users"
                : String.format(Locale.ROOT, "open loop, %s iterations/s (at most %d in flight)",
                        stripZeros(rate), maxInFlight)));
        out.println("mix        " + mix.name().toLowerCase(Locale.ROOT) + ": " + mix.description());
        out.println("data       " + products + " products x " + imagesPerProduct + " images, names \""
                + Workload.productName(runId, 0, 0).replace("g00000 n000000", "gNNNNN nNNNNNN")
                + "\", searched by group of " + Workload.GROUP_SIZE);
        out.println("timing     warm-up " + Report.seconds(warmup) + ", measured " + Report.seconds(duration)
                + ", request timeout " + Report.seconds(timeout));
        out.println("machine    " + runtime.availableProcessors() + " cores" + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + loadAverage());
        out.println("jvm        " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + " (" + System.getProperty("java.vm.vendor") + "), max heap "
                + runtime.maxMemory() / (1024 * 1024) + " MiB" + jvmArguments());
        String host = url.getHost();
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) {
            out.println("note       the service is on this machine: it shares these cores with the load generator");
        }
        out.flush();
    }

    /** The 1-minute load average, which tells whether something else was using the cores. */
    static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "" : String.format(Locale.ROOT, ", load average %.2f", load);
    }

    private static String jvmArguments() {
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return arguments.isEmpty() ? "" : ", " + String.join(" ", arguments);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> " (" + line.substring(line.indexOf(':') + 1).strip() + ")")
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String stripZeros(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private void printResults(Measurements measurements, ReadYourWrites readYourWrites) {
        out.println();
        out.printf("measured window: %s; latencies of the successful requests, from HdrHistogram (us precision)%n",
                Report.seconds(duration));
        out.print(Report.table(Report.rows(measurements.phase(Phase.MEASURED)), duration));

        for (Phase phase : List.of(Phase.WARMUP, Phase.AFTER)) {
            long requests = 0;
            long errors = 0;
            for (OperationStats stats : measurements.phase(phase).values()) {
                requests += stats.successes() + stats.errors();
                errors += stats.errors();
            }
            if (requests > 0) {
                out.printf("%s %d requests, %d errors (not in the table)%n",
                        phase == Phase.WARMUP ? "warm-up:" : "after the window (write iterations finishing):",
                        requests, errors);
            }
        }

        boolean headed = false;
        for (Phase phase : Phase.values()) {
            for (Map.Entry<Operation, OperationStats> entry : measurements.phase(phase).entrySet()) {
                Map<String, Long> messages = entry.getValue().errorMessages();
                if (messages.isEmpty()) {
                    continue;
                }
                if (!headed) {
                    out.println();
                    out.println("errors:");
                    headed = true;
                }
                messages.forEach((message, count) -> out.printf("  %-9s %-28s %6d x %s%n",
                        phase.name().toLowerCase(Locale.ROOT), entry.getKey().label(), count, message));
            }
        }

        out.println();
        if (mix == Mix.READS) {
            out.println("read your writes: not exercised (--mix reads has no writes)");
            return;
        }
        out.println("read your writes (every write of the run, warm-up included, read back at once with product(id)):");
        out.printf("  writes read back                 %d%n", readYourWrites.checks());
        out.printf("  violations                       %d%n", readYourWrites.violations());
        out.printf("  writes not checked (read failed) %d%n", readYourWrites.uncheckableWrites());
        List<String> kept = readYourWrites.keptViolations();
        if (!kept.isEmpty()) {
            out.println("  violations" + (readYourWrites.violations() > kept.size()
                    ? " (the first " + kept.size() + ")" : "") + ":");
            kept.forEach(violation -> out.println("    " + violation));
        }
    }
}
