package dev.catalog.gateway.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged service as a real process: killed with SIGKILL right after acknowledged writes, it starts
 * again on the same data directory and finds every acknowledged write; stopped with SIGTERM, it shuts down
 * cleanly, releasing its projection segments before it stops its database.
 */
class KillAndRestartIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);

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
    void killing_the_process_loses_no_acknowledged_write() throws Exception {
        int port = freePort();
        Process first = start(port);
        List<Integer> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String body = post(port, "{\"query\":\"mutation { createProduct(inp: {name: \\\"Durable " + i
                    + "\\\", price: 1.5}) { id } }\"}");
            assertThat(body).contains("\"id\":");
            acknowledged.add(Integer.parseInt(body.replaceAll("(?s).*\"id\":(\\d+).*", "$1")));
        }

        first.destroyForcibly().waitFor();

        start(port);
        String all = post(port, "{\"query\":\"{ getActiveProductsSortedById { id name } }\"}");
        for (int i = 0; i < acknowledged.size(); i++) {
            assertThat(all).contains("{\"id\":" + acknowledged.get(i) + ",\"name\":\"Durable " + i + "\"}");
        }
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
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
             Connection connection = postgres.getPostgresDatabase().getConnection();
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

    private boolean runsOnTheDataDirectory(ProcessHandle process) {
        return process.info().commandLine().map(line -> line.contains(dataDir.toString())).orElse(false);
    }

    private Path logOf(int run) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-" + run + ".log");
    }

    private Process start(int port) throws Exception {
        Path jar = Path.of("target", "catalog.jar");
        assertThat(jar).exists();
        Files.createDirectories(dataDir.getParent());
        Path log = logOf(started.size());
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true", "-jar", jar.toString(),
                "--server.port=" + port, "--catalog.data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
