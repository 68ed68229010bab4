package dev.catalog.gateway.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's Nginx with the compose file's configuration ({@code deploy/nginx/catalog.conf.template}), rendered for
 * instances on this machine, as a child process of the test.
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Path TEMPLATE = Path.of("..", "deploy", "nginx", "catalog.conf.template");

    private final Process process;
    private final Path directory;
    private final int port;

    private Nginx(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    static Nginx start(Path directory, int port, List<Integer> upstreamPorts) throws IOException, InterruptedException {
        Files.createDirectories(directory.resolve("logs"));
        writeSite(directory, port, upstreamPorts);
        Path conf = directory.resolve("nginx.conf");
        Files.writeString(conf, """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    include %1$s/catalog.conf;
                }
                """.formatted(directory.toAbsolutePath()));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", directory.toAbsolutePath().toString(),
                "-c", conf.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("logs/stdout.log").toFile()).start();
        if (process.waitFor(1, TimeUnit.SECONDS)) {
            throw new IllegalStateException("nginx exited at once: " + Files.readString(directory.resolve("logs/stdout.log")));
        }
        return new Nginx(process, directory, port);
    }

    /** The compose file's site with these instances, rendered as the nginx image's entrypoint renders it. */
    private static void writeSite(Path directory, int port, List<Integer> upstreamPorts) throws IOException {
        String upstreams = upstreamPorts.stream().map(upstream -> "server 127.0.0.1:" + upstream + ";")
                .collect(Collectors.joining(" "));
        // Written beside and renamed in: Nginx, still reading it for an earlier reload, never sees half of it.
        Path written = directory.resolve("catalog.conf.new");
        Files.writeString(written, Files.readString(TEMPLATE)
                .replace("${CATALOG_UPSTREAM_SERVERS}", upstreams)
                .replace("${NGINX_PORT}", String.valueOf(port))
                .replace("${NGINX_CACHE_PATH}", directory.resolve("cache").toAbsolutePath().toString()));
        Files.move(written, directory.resolve("catalog.conf"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Serves these instances from now on: the configuration is rewritten and reloaded (`nginx -s reload`), new
     * requests go to the new set, and the old workers finish the requests they have under way.
     */
    void upstreams(List<Integer> upstreamPorts) throws IOException, InterruptedException {
        writeSite(directory, port, upstreamPorts);
        Process reload = new ProcessBuilder(BINARY.toString(), "-s", "reload", "-p", directory.toAbsolutePath().toString(),
                "-c", directory.resolve("nginx.conf").toAbsolutePath().toString()).redirectErrorStream(true).start();
        if (!reload.waitFor(10, TimeUnit.SECONDS) || reload.exitValue() != 0) {
            throw new IllegalStateException("nginx -s reload failed: " + new String(reload.getInputStream().readAllBytes()));
        }
    }

    String errorLog() throws IOException {
        return Files.readString(directory.resolve("logs/error.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
    }
}
