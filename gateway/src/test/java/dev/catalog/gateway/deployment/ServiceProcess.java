package dev.catalog.gateway.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/** The packaged service ({@code target/catalog.jar}) run as a process of its own, as a container runs it. */
final class ServiceProcess {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final int port;
    private final Process process;
    private final Path log;
    private final String name;

    private ServiceProcess(int port, Process process, Path log, String name) {
        this.port = port;
        this.process = process;
        this.log = log;
        this.name = name;
    }

    /** Starts the jar with these arguments and waits until it is ready to serve. */
    static ServiceProcess start(int port, Path log, List<String> arguments) throws Exception {
        Path jar = Path.of("target", "catalog.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/catalog.jar is missing: *IT tests run after `package`");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited while starting; see " + log);
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    String all = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    return new ServiceProcess(port, process, log,
                            JSON.readTree(all).at("/components/instance/details/name").asString());
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service was not ready within " + STARTUP + "; see " + log);
    }

    /** Its name among the instances: the owner of the segments it claims. */
    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the graceful stop; true when it exited by itself within the time. */
    boolean terminate(Duration within) throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        return exited;
    }

    /** Its log from this offset in characters ({@link #logLength()}) on. */
    String logSince(int offset) throws IOException {
        return Files.readString(log).substring(offset);
    }

    int logLength() throws IOException {
        return Files.readString(log).length();
    }
}
