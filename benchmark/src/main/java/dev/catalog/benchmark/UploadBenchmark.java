package dev.catalog.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Image uploads against a running catalog (bin/benchmark --uploads): seeds products, then uploads JPEGs with
 * {@code uploadImage} as the GraphQL multipart request specification sends them, from concurrent clients, for a
 * warm-up and a measured window; then fetches resized variants ({@code Image.url(maxWidth)}) of some of the uploaded
 * images twice: the first request makes the variant, the second is served from the store.
 */
@Command(name = "upload-benchmark", mixinStandardHelpOptions = true, version = "upload-benchmark 0.1.0",
        sortOptions = false, usageHelpWidth = 110,
        description = {
                "Measures image uploads (uploadImage over multipart/form-data) and resized variants of a running "
                        + "catalog over real HTTP.",
                "Seeds --products products, then --concurrency clients upload in a closed loop for --warmup, then "
                        + "for --duration (measured): one JPEG of about --image-kb KiB made once, each upload made "
                        + "distinct by a comment segment holding a counter (the service refuses the same file twice "
                        + "on a product). Only answers with data, no errors and the sent byteSize, width and height "
                        + "count as successes.",
                "Then, one request at a time (the service makes one variant at a time), GETs the url(maxWidth: "
                        + "--variant-width) of --variants uploaded images: first the request that makes each "
                        + "variant, then the same addresses again, each checked (HTTP 200, an image within the "
                        + "bound, the second answer's bytes equal to the first's)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every upload and every variant request succeeded",
                "1:some uploads or variant requests failed",
                "2:invalid arguments",
                "3:the service could not be reached, the seeding failed, or no upload succeeded"})
public final class UploadBenchmark implements Callable<Integer> {

    static final String UPLOAD = """
            mutation Upload($productId: Int!, $file: Upload!) {
              uploadImage(productId: $productId, file: $file) { id url width height byteSize }
            }""";
    static final String CREATE_PRODUCT = """
            mutation Seed($inp: ProductInput!) { createProduct(inp: $inp) { id } }""";
    static final String VARIANT_URL = """
            query Variant($id: Int!, $maxWidth: Int!) { image(id: $id) { url(maxWidth: $maxWidth) } }""";

    private static final long HIGHEST_TRACKABLE_MICROS = Duration.ofMinutes(10).toNanos() / 1_000;
    private static final int FAILURES_PRINTED = 20;

    @Option(names = "--url", defaultValue = "http://localhost:8080", paramLabel = "URL",
            description = "The service, or its GraphQL endpoint: /graphql is added to an address without a path "
                    + "(default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--products", defaultValue = "100", paramLabel = "N",
            description = "Products to seed; the uploads go to them in turn (default: ${DEFAULT-VALUE}).")
    int products;

    @Option(names = "--concurrency", defaultValue = "16", paramLabel = "N",
            description = "Clients (virtual threads) uploading in a closed loop (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--warmup", defaultValue = "10s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Uploads before the measured window, not counted in its figures (default: "
                    + "${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--duration", defaultValue = "20s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "The measured window of uploads (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--image-kb", defaultValue = "200", paramLabel = "KIB",
            description = "The size of each uploaded JPEG, about, in KiB (default: ${DEFAULT-VALUE}).")
    int imageKb;

    @Option(names = "--variants", defaultValue = "50", paramLabel = "M",
            description = "Uploaded images whose variant is fetched twice; 0 for none (default: ${DEFAULT-VALUE}).")
    int variants;

    @Option(names = "--variant-width", defaultValue = "256", paramLabel = "PX",
            description = "The maxWidth of the variants, at least 16 (default: ${DEFAULT-VALUE}).")
    int variantWidth;

    @Option(names = "--variant-warmup", defaultValue = "5", paramLabel = "N",
            description = "Variants of other uploaded images made first and not counted, so that the first "
                    + "measured ones do not pay for class loading (default: ${DEFAULT-VALUE}).")
    int variantWarmup;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Per-request timeout; a timeout is a failure (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--token", defaultValue = "${env:CATALOG_BENCHMARK_TOKEN}", paramLabel = "JWT",
            description = "A bearer token sent with every request, for a service that verifies tokens "
                    + "(default: $CATALOG_BENCHMARK_TOKEN, else none).")
    String token;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "3 to 12 lowercase letters or digits, starting with a letter, in every seeded name "
                    + "(default: random).")
    String runId;

    @Option(names = "--progress", defaultValue = "5s", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How often to print a progress line during the uploads; 0 for never (default: "
                    + "${DEFAULT-VALUE}).")
    Duration progress;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String boundary = "catalog-benchmark-" + UUID.randomUUID();
    private final AtomicInteger failuresPrinted = new AtomicInteger();
    private URI endpoint;
    private HttpClient http;
    private String authorization;

    /** Figures of one kind of request in one phase. */
    static final class Tally {
        final ConcurrentHistogram latencies = new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, 3);
        final LongAdder errors = new LongAdder();
        final Map<String, LongAdder> errorMessages = new ConcurrentHashMap<>();

        void success(long nanos) {
            latencies.recordValue(Math.max(0, Math.min(nanos / 1_000, HIGHEST_TRACKABLE_MICROS)));
        }

        void failure(String message) {
            errors.increment();
            errorMessages.computeIfAbsent(message, key -> new LongAdder()).increment();
        }

        long successes() {
            return latencies.getTotalCount();
        }
    }

    /** An uploaded image, as the service answered. */
    record Uploaded(int id, String url) {
    }

    /** A seeded product. */
    record Product(int index, int id) {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Options given twice take the last value, so a script can put its defaults before the user's arguments. */
    static CommandLine commandLine() {
        return new CommandLine(new UploadBenchmark()).setOverwrittenOptionsAllowed(true);
    }

    @Override
    public Integer call() throws Exception {
        validate();
        if (runId == null) {
            runId = CatalogBenchmark.randomRunId();
        }
        endpoint = url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")
                ? url.resolve("/graphql") : url;
        authorization = token == null || token.isBlank() ? null : "Bearer " + token.strip();
        UploadImage image = UploadImage.ofAbout(imageKb * 1024);
        printHeader(image);
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try (GraphQlClient client = new GraphQlClient(endpoint, timeout, token); HttpClient ignored = http) {
            try {
                client.execute("query Ping { __typename }", Map.of());
            } catch (GraphQlClient.Failure e) {
                out.println("cannot use " + endpoint + ": " + e.getMessage());
                return 3;
            }
            List<Product> seeded = seed(client);
            if (seeded == null) {
                return 3;
            }

            Tally warm = new Tally();
            Tally measured = new Tally();
            Tally after = new Tally();
            ConcurrentLinkedQueue<Uploaded> uploaded = new ConcurrentLinkedQueue<>();
            uploads(client, seeded, image, warm, measured, after, uploaded);

            List<Uploaded> images = new ArrayList<>(uploaded);
            Tally variantWarm = new Tally();
            Tally lookups = new Tally();
            Tally first = new Tally();
            Tally second = new Tally();
            String variantShape = null;
            if (variants > 0 && !images.isEmpty()) {
                variantShape = variants(client, images, variantWarm, lookups, first, second);
            }

            Map<String, Tally> failures = new LinkedHashMap<>();
            failures.put("upload warm-up", warm);
            failures.put("upload", measured);
            failures.put("upload after", after);
            failures.put("variant warm-up", variantWarm);
            failures.put("variant url", lookups);
            failures.put("variant first", first);
            failures.put("variant second", second);
            printResults(image, measured, after, warm, first, second, variantShape, failures);
            long uploadFailures = warm.errors.sum() + measured.errors.sum() + after.errors.sum();
            long variantFailures = variantWarm.errors.sum() + lookups.errors.sum() + first.errors.sum()
                    + second.errors.sum();
            out.println();
            String load = CatalogBenchmark.loadAverage();
            if (!load.isEmpty()) {
                out.println("machine    at the end: " + load.substring(2));
            }
            if (measured.successes() == 0) {
                out.println("result: no upload succeeded in the measured window");
                return 3;
            }
            if (uploadFailures == 0 && variantFailures == 0 && (variants == 0 || first.successes() == variants)) {
                out.println("result: OK (every upload and every variant request succeeded)");
                return 0;
            }
            out.printf("result: %d failed uploads, %d failed variant requests%n", uploadFailures, variantFailures);
            return 1;
        }
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (products < 1) {
            problems.add("--products must be at least 1");
        }
        if (concurrency < 1) {
            problems.add("--concurrency must be at least 1");
        }
        if (duration.isZero() || duration.isNegative()) {
            problems.add("--duration must be positive");
        }
        if (imageKb < 2 || imageKb > 8192) {
            problems.add("--image-kb must be 2 to 8192");
        }
        if (variants < 0 || variantWarmup < 0) {
            problems.add("--variants and --variant-warmup must be at least 0");
        }
        if (variantWidth < 16) {
            problems.add("--variant-width must be at least 16");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            problems.add("--timeout must be positive");
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

    private void printHeader(UploadImage image) {
        Runtime runtime = Runtime.getRuntime();
        out.println("upload-benchmark " + endpoint + " (run " + runId + ")");
        out.println("uploads    " + concurrency + " clients, closed loop, to " + products + " products in turn; warm-up "
                + Report.seconds(warmup) + ", measured " + Report.seconds(duration) + ", request timeout "
                + Report.seconds(timeout));
        out.println("image      " + image.describe() + ", made distinct per upload by a "
                + UploadImage.COMMENT_SEGMENT_BYTES + "-byte comment segment");
        out.println("variants   " + (variants == 0 ? "none" : variants + " images at url(maxWidth: " + variantWidth
                + "), one request at a time, after " + variantWarmup + " not counted"));
        out.println("machine    " + runtime.availableProcessors() + " cores, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + CatalogBenchmark.loadAverage());
        out.println("jvm        " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB");
        out.flush();
    }

    // ---------------------------------------------------------------- seeding

    private List<Product> seed(GraphQlClient client) throws InterruptedException {
        long start = System.nanoTime();
        List<Product> seeded = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Semaphore permits = new Semaphore(concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < products; i++) {
                int index = i;
                permits.acquire();
                executor.submit(() -> {
                    try {
                        GraphQlClient.Answer answer = client.execute(CREATE_PRODUCT, Map.of("inp", Map.of(
                                "name", "Upload bench %s n%06d".formatted(runId, index), "price", 1)));
                        int id = answer.data().path("createProduct").path("id").asInt(0);
                        if (id > 0) {
                            seeded.add(new Product(index, id));
                        } else {
                            failures.add("createProduct answered no id");
                        }
                    } catch (GraphQlClient.Failure e) {
                        failures.add("createProduct: " + e.getMessage());
                    } finally {
                        permits.release();
                    }
                    return null;
                });
            }
        }
        if (!failures.isEmpty()) {
            out.printf("seeding failed: %d of %d products; the first failures:%n", failures.size(), products);
            failures.stream().limit(5).forEach(failure -> out.println("  " + failure));
            return null;
        }
        seeded.sort((a, b) -> Integer.compare(a.index(), b.index()));
        out.printf(Locale.ROOT, "seeded     %d products in %s%n", products,
                Report.seconds(Duration.ofNanos(System.nanoTime() - start)));
        return List.copyOf(seeded);
    }

    // ---------------------------------------------------------------- uploads

    private void uploads(GraphQlClient client, List<Product> seeded, UploadImage image, Tally warm, Tally measured,
                         Tally after, ConcurrentLinkedQueue<Uploaded> uploaded) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + warmup.toNanos();
        long end = measureStart + duration.toNanos();
        AtomicLong counter = new AtomicLong();
        out.printf("uploading  %s warm-up, then %s measured%n", Report.seconds(warmup), Report.seconds(duration));
        Thread progressLine = progress(start, measureStart, end, warm, measured);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                executor.submit(() -> {
                    while (System.nanoTime() < end) {
                        long n = counter.incrementAndGet();
                        Product product = seeded.get((int) ((n - 1) % seeded.size()));
                        byte[] body = multipart(product.id(), image.marked(n));
                        long began = System.nanoTime();
                        String failure = null;
                        Uploaded answer = null;
                        try {
                            answer = upload(client, body, image);
                        } catch (GraphQlClient.Failure e) {
                            failure = e.getMessage();
                        }
                        long done = System.nanoTime();
                        // By completion: the window's rate is what completed within it.
                        Tally tally = done < measureStart ? warm : done <= end ? measured : after;
                        if (failure == null) {
                            tally.success(done - began);
                            if (tally == measured) {
                                uploaded.add(answer);
                            }
                        } else {
                            tally.failure(failure);
                            if (failuresPrinted.getAndIncrement() < FAILURES_PRINTED) {
                                out.printf("upload failed (product %d, upload #%d): %s%n", product.id(), n, failure);
                            }
                        }
                    }
                    return null;
                });
            }
        } finally {
            progressLine.interrupt();
        }
    }

    /** The multipart request: {@code operations}, {@code map} and the file as part {@code 0}. */
    byte[] multipart(int productId, byte[] file) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("productId", productId);
        variables.put("file", null); // filled by the file part, as the map says
        String operations = json.writeValueAsString(Map.of("query", UPLOAD, "variables", variables));
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"operations\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + operations
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"map\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"0\": [\"variables.file\"]}"
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"0\"; filename=\"bench.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(head, head.length + file.length + tail.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return body;
    }

    private Uploaded upload(GraphQlClient client, byte[] body, UploadImage image)
            throws GraphQlClient.Failure, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/graphql-response+json, application/json;q=0.9")
                .header("Apollo-Require-Preflight", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new GraphQlClient.Failure("timeout after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new GraphQlClient.Failure("I/O: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        JsonNode answered = client.check(response.statusCode(), response.body()).data().path("uploadImage");
        int id = answered.path("id").asInt(0);
        String stored = answered.path("url").asString("");
        if (id <= 0 || stored.isEmpty()) {
            throw new GraphQlClient.Failure("uploadImage answered no id or url");
        }
        if (answered.path("byteSize").asLong(-1) != image.size() || answered.path("width").asInt(-1) != image.width()
                || answered.path("height").asInt(-1) != image.height()) {
            throw new GraphQlClient.Failure("uploadImage answered byteSize %s, %sx%s; sent %d bytes, %dx%d".formatted(
                    answered.path("byteSize"), answered.path("width"), answered.path("height"), image.size(),
                    image.width(), image.height()));
        }
        return new Uploaded(id, stored);
    }

    private Thread progress(long start, long measureStart, long end, Tally warm, Tally measured) {
        if (progress.isZero()) {
            return Thread.ofVirtual().unstarted(() -> { });
        }
        return Thread.ofVirtual().start(() -> {
            long lastCount = 0;
            long lastAt = start;
            try {
                while (true) {
                    Thread.sleep(progress);
                    long now = System.nanoTime();
                    if (now >= end) {
                        return;
                    }
                    long count = warm.successes() + measured.successes();
                    long errors = warm.errors.sum() + measured.errors.sum();
                    out.printf(Locale.ROOT, "  %5.1f s %-9s %,7d uploads, %4.1f/s lately, %d failed%n",
                            (now - start) / 1e9, now < measureStart ? "warm-up" : "measured", count,
                            (count - lastCount) / ((now - lastAt) / 1e9), errors);
                    lastCount = count;
                    lastAt = now;
                }
            } catch (InterruptedException e) {
                // the uploads are over
            }
        });
    }

    // ---------------------------------------------------------------- variants

    /**
     * Fetches the variants: {@code --variant-warmup} images first, not counted, then {@code --variants} others
     * evenly spread over the uploads, each twice. Returns the shape of the variants served ("256x170 image/jpeg,
     * about 12 KB"), or null when none was.
     */
    private String variants(GraphQlClient client, List<Uploaded> images, Tally variantWarm, Tally lookups,
                            Tally first, Tally second) throws InterruptedException {
        int wanted = Math.min(images.size(), variants + variantWarmup);
        List<Uploaded> chosen = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            chosen.add(images.get((int) ((long) i * images.size() / wanted)));
        }
        List<Uploaded> warmOnes = chosen.subList(0, Math.min(variantWarmup, Math.max(0, wanted - variants)));
        List<Uploaded> measuredOnes = chosen.subList(warmOnes.size(), wanted);
        if (measuredOnes.size() < variants) {
            out.printf("variants   only %d images were uploaded in the window: %d variants measured%n",
                    images.size(), measuredOnes.size());
        }
        out.printf("variants   %d made first (not counted), then %d made and fetched again%n", warmOnes.size(),
                measuredOnes.size());

        for (Uploaded image : warmOnes) {
            String address = variantUrl(client, image, variantWarm);
            if (address != null) {
                fetch(address, variantWarm);
            }
        }

        Map<String, byte[]> made = new HashMap<>();
        List<String> addresses = new ArrayList<>();
        for (Uploaded image : measuredOnes) {
            String address = variantUrl(client, image, lookups);
            if (address != null) {
                addresses.add(address);
            }
        }
        String shape = null;
        for (String address : addresses) {
            byte[] bytes = fetch(address, first);
            if (bytes != null) {
                made.put(address, bytes);
                if (shape == null) {
                    shape = shape(bytes);
                }
            }
        }
        long totalBytes = 0;
        for (String address : addresses) {
            byte[] bytes = fetch(address, second);
            byte[] before = made.get(address);
            if (bytes != null && before != null && !Arrays.equals(bytes, before)) {
                second.failure("the second answer's bytes differ from the first's");
                reportFailure("variant " + address + ": the second answer's bytes differ from the first's");
            }
            totalBytes += before == null ? 0 : before.length;
        }
        return shape == null ? null : shape + (made.isEmpty() ? "" : String.format(Locale.ROOT, ", %,d bytes on average",
                totalBytes / made.size()));
    }

    private String variantUrl(GraphQlClient client, Uploaded image, Tally lookups) throws InterruptedException {
        try {
            String address = client.execute(VARIANT_URL, Map.of("id", image.id(), "maxWidth", variantWidth))
                    .data().path("image").path("url").asString("");
            if (!address.contains("/files/variants/")) {
                String failure = "url(maxWidth: " + variantWidth + ") is not a variant's address: " + address;
                lookups.failure(failure.replace(address, "(url)"));
                reportFailure("image " + image.id() + ": " + failure);
                return null;
            }
            return address;
        } catch (GraphQlClient.Failure e) {
            lookups.failure("url(maxWidth): " + e.getMessage());
            reportFailure("image " + image.id() + ": url(maxWidth): " + e.getMessage());
            return null;
        }
    }

    /** GETs a variant and checks it; its bytes, or null when it failed (counted in {@code tally}). */
    private byte[] fetch(String address, Tally tally) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(address)).timeout(timeout).GET().build();
        long began = System.nanoTime();
        String failure;
        byte[] body = null;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - began;
            body = response.body();
            failure = checkVariant(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), body);
            if (failure == null) {
                tally.success(took);
                return body;
            }
        } catch (HttpTimeoutException e) {
            failure = "timeout after " + timeout.toMillis() + " ms";
        } catch (IOException e) {
            failure = "I/O: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
        tally.failure(failure);
        reportFailure("variant " + address + ": " + failure);
        return null;
    }

    /** Null when the answer is a variant within the bound, else why not. */
    String checkVariant(int status, String contentType, byte[] body) {
        if (status != 200) {
            return "HTTP " + status;
        }
        if (!contentType.startsWith("image/")) {
            return "Content-Type " + (contentType.isEmpty() ? "missing" : contentType);
        }
        boolean jpeg = body.length > 3 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xd8
                && (body[2] & 0xff) == 0xff;
        boolean png = body.length > 8 && (body[0] & 0xff) == 0x89 && body[1] == 'P' && body[2] == 'N'
                && body[3] == 'G';
        if (!jpeg && !png) {
            return "not a JPEG nor a PNG (" + body.length + " bytes)";
        }
        int[] size = size(body);
        if (size == null) {
            return "an image whose header cannot be read";
        }
        if (size[0] > variantWidth) {
            return "a variant " + size[0] + " pixels wide, asked at most " + variantWidth;
        }
        return null;
    }

    private String shape(byte[] body) {
        int[] size = size(body);
        String type = (body[0] & 0xff) == 0xff ? "JPEG" : "PNG";
        return size == null ? type : size[0] + "x" + size[1] + " " + type;
    }

    /** Width and height from the header, without decoding the pixels; null when unreadable. */
    static int[] size(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void reportFailure(String message) {
        if (failuresPrinted.getAndIncrement() < FAILURES_PRINTED) {
            out.println(message);
        }
    }

    // ---------------------------------------------------------------- results

    private void printResults(UploadImage image, Tally measured, Tally after, Tally warm, Tally first, Tally second,
                              String variantShape, Map<String, Tally> failures) {
        double seconds = duration.toNanos() / 1e9;
        long count = measured.successes();
        double perSecond = count / seconds;
        double mibPerSecond = perSecond * image.size() / (1024.0 * 1024.0);
        out.println();
        out.printf(Locale.ROOT, "uploads: %,d completed in the measured %s; %,d in the warm-up and %,d after the window "
                + "(not counted)%n", count, Report.seconds(duration), warm.successes(), after.successes());
        if (variantShape != null) {
            out.println("variants: " + variantShape);
        }
        out.println();
        out.println("| measure | count | failed | rate | p50 ms | p99 ms | max ms |");
        out.println("|---|---:|---:|---|---:|---:|---:|");
        out.printf(Locale.ROOT, "| uploadImage, %d KiB JPEG, %d clients | %,d | %d | %.1f uploads/s, %.1f MiB/s | %s | %s | %s |%n",
                Math.round(image.size() / 1024.0), concurrency, count, measured.errors.sum(), perSecond,
                mibPerSecond, ms(measured.latencies, 50), ms(measured.latencies, 99), max(measured.latencies));
        if (variants > 0) {
            variantRow("url(maxWidth: " + variantWidth + "), first GET (made)", first);
            variantRow("url(maxWidth: " + variantWidth + "), second GET (stored)", second);
            if (first.successes() > 0 && second.successes() > 0) {
                out.printf(Locale.ROOT, "| first / second | | | | %s | %s | |%n",
                        ratio(first.latencies, second.latencies, 50), ratio(first.latencies, second.latencies, 99));
            }
        }

        boolean headed = false;
        for (Map.Entry<String, Tally> entry : failures.entrySet()) {
            for (Map.Entry<String, LongAdder> message : entry.getValue().errorMessages.entrySet()) {
                if (!headed) {
                    out.println();
                    out.println("failures:");
                    headed = true;
                }
                out.printf("  %-15s %6d x %s%n", entry.getKey(), message.getValue().sum(), message.getKey());
            }
        }
    }

    private void variantRow(String label, Tally tally) {
        double totalSeconds = tally.latencies.getMean() * tally.successes() / 1e6;
        out.printf(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s |%n", label, tally.successes(),
                tally.errors.sum(), tally.successes() == 0 ? "-"
                        : String.format(Locale.ROOT, "%.1f/s one at a time", tally.successes() / totalSeconds),
                ms(tally.latencies, 50), ms(tally.latencies, 99), max(tally.latencies));
    }

    private static String ms(Histogram latencies, double percentile) {
        return latencies.getTotalCount() == 0 ? "-"
                : String.format(Locale.ROOT, "%.1f", latencies.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String max(Histogram latencies) {
        return latencies.getTotalCount() == 0 ? "-"
                : String.format(Locale.ROOT, "%.1f", latencies.getMaxValue() / 1000.0);
    }

    private static String ratio(Histogram slow, Histogram fast, double percentile) {
        double divisor = Math.max(1, fast.getValueAtPercentile(percentile));
        return String.format(Locale.ROOT, "%.1fx", slow.getValueAtPercentile(percentile) / divisor);
    }
}
