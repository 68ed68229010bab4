package dev.catalog.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js package of the tests that drive the service with JavaScript clients ({@code src/test/federation}:
 * Apollo's gateway and clients, graphql-ws), which {@code bin/test} installs with {@code npm ci}. A test needing it
 * is skipped, with a message, when Node.js or the packages are missing, unless {@code CATALOG_FEDERATION_TESTS} is
 * {@code required} (CI), where that is a failure.
 */
public final class NodeHarness {

    /** The package's directory, relative to the gateway module, where its scripts are run. */
    public static final Path DIRECTORY = Path.of("src/test/federation");

    private NodeHarness() {
    }

    /** Skips the calling test (or fails it, when required) unless Node.js runs and these packages are installed. */
    public static void require(String what, String... packages) {
        require(DIRECTORY, what, packages);
    }

    /**
     * As {@link #require(String, String...)}, for the packages of another directory that {@code bin/test} installs
     * (the demo back office's, {@code examples/back-office}).
     */
    public static void require(Path directory, String what, String... packages) {
        boolean installed = Arrays.stream(packages)
                .allMatch(name -> Files.isDirectory(directory.resolve("node_modules").resolve(name))) && nodeRuns();
        if (!installed && "required".equals(System.getenv("CATALOG_FEDERATION_TESTS"))) {
            throw new IllegalStateException("Node.js or " + directory + "/node_modules is missing and "
                    + "CATALOG_FEDERATION_TESTS=required; run npm ci in " + directory);
        }
        Assumptions.assumeTrue(installed, "SKIPPED: Node.js or " + directory + "/node_modules is missing (npm ci in "
                + directory + " installs " + what + ")");
    }

    private static boolean nodeRuns() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
