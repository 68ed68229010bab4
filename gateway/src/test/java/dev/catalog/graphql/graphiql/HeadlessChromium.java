package dev.catalog.graphql.graphiql;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium (Debian's {@code chromium}) driven through the Chrome DevTools Protocol over the
 * JDK's WebSocket client: one page, with what the browser reports about it (console messages, uncaught
 * exceptions, Content-Security-Policy violations, every requested URL, failed loads).
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Runs in the page before its own scripts (and is not subject to its CSP). */
    private static final String CSP_LISTENER = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
                e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber));
            """;

    private final Process process;
    private final Path directory;
    private final WebSocket socket;
    private final Duration timeout;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> requested = new ArrayList<>();
    private String session;

    private HeadlessChromium(Process process, Path directory, URI devtools, Duration timeout) throws Exception {
        this.process = process;
        this.directory = directory;
        this.timeout = timeout;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(devtools, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts Chromium with a fresh profile and opens a blank page. The flags keep it from contacting anything
     * on its own (these machines have no internet) and let it run as root in a container.
     */
    static HeadlessChromium start(Duration timeout) throws Exception {
        Path directory = Files.createTempDirectory("chromium-");
        Path profile = directory.resolve("profile");
        Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true)
                // A file: a pipe nobody reads would block the browser.
                .redirectOutput(directory.resolve("chromium.log").toFile())
                .start();
        try {
            // Chromium writes "<port>\n/devtools/browser/<id>" here once its DevTools server listens.
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> lines = List.of();
            while (lines.size() < 2) {
                if (!process.isAlive()) {
                    throw new IOException("Chromium exited: " + Files.readString(directory.resolve("chromium.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Chromium did not open its DevTools port within " + timeout);
                }
                Thread.sleep(50);
                if (Files.exists(portFile)) {
                    lines = Files.readAllLines(portFile);
                }
            }
            HeadlessChromium chromium = new HeadlessChromium(process, directory,
                    URI.create("ws://127.0.0.1:" + lines.get(0) + lines.get(1)), timeout);
            chromium.openPage();
            return chromium;
        } catch (Exception e) {
            process.destroyForcibly();
            deleteRecursively(directory);
            throw e;
        }
    }

    private void openPage() throws Exception {
        String target = send(null, "Target.createTarget", object().put("url", "about:blank")).get("targetId").asString();
        session = send(null, "Target.attachToTarget", object().put("targetId", target).put("flatten", true))
                .get("sessionId").asString();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            send(session, domain + ".enable", object());
        }
        send(session, "Page.addScriptToEvaluateOnNewDocument", object().put("source", CSP_LISTENER));
    }

    void navigate(String url) throws Exception {
        JsonNode result = send(session, "Page.navigate", object().put("url", url));
        if (result.has("errorText")) {
            throw new IOException("Navigating to " + url + " failed: " + result.get("errorText").asString());
        }
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send(session, "Runtime.evaluate", object().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Evaluates the expression every 100 ms until it is truthy, and returns that value. */
    JsonNode await(String expression) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode value = evaluate(expression);
            boolean falsy = value.isMissingNode() || value.isNull() || value.isBoolean() && !value.asBoolean()
                    || value.isString() && value.asString().isEmpty();
            if (!falsy) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Timed out waiting for " + expression);
            }
            Thread.sleep(100);
        }
    }

    /** What went wrong in the page: errors and warnings logged, uncaught exceptions, CSP violations. */
    List<String> problems() throws Exception {
        List<String> all = new ArrayList<>();
        evaluate("window.__cspViolations || []").forEach(violation -> all.add("CSP violation: " + violation.asString()));
        synchronized (this) {
            all.addAll(problems);
        }
        return all;
    }

    /** Every URL the page requested. */
    synchronized List<String> requestedUrls() {
        return List.copyOf(requested);
    }

    private JsonNode send(String sessionId, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = object().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).join();
        }
        try {
            JsonNode response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("error")) {
                throw new IOException(method + ": " + response.get("error"));
            }
            return response.path("result");
        } finally {
            pending.remove(id);
        }
    }

    private synchronized void onEvent(String method, JsonNode params) {
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asString();
                if (type.equals("error") || type.equals("warning")) {
                    problems.add("console " + type + ": " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                String level = entry.path("level").asString();
                if (level.equals("error") || level.equals("warning")) {
                    problems.add(level + ": " + entry.path("text").asString() + " " + entry.path("url").asString(""));
                }
            }
            case "Runtime.exceptionThrown" -> problems.add("uncaught: " + params.path("exceptionDetails")
                    .path("exception").path("description").asString(params.path("exceptionDetails").toString()));
            case "Network.requestWillBeSent" -> requested.add(params.path("request").path("url").asString());
            case "Network.loadingFailed" -> problems.add("load failed: " + params.path("errorText").asString() + " "
                    + params.path("blockedReason").asString(""));
            default -> {
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                JsonNode message = JSON.readTree(buffer.toString());
                buffer.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> answer = pending.get(message.get("id").asInt());
                    if (answer != null) {
                        answer.complete(message);
                    }
                } else if (message.has("method")) {
                    onEvent(message.get("method").asString(), message.path("params"));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(answer -> answer.completeExceptionally(error));
        }
    }

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            synchronized (socket) {
                socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).get(2, TimeUnit.SECONDS);
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (Exception e) {
            process.destroyForcibly();
        }
        // Its zygote processes linger for seconds after the browser quit.
        children.forEach(ProcessHandle::destroyForcibly);
        socket.abort();
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: best effort.
        }
    }
}
