package dev.catalog.platform.testing;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Where the tests' PostgreSQL ({@link TestDatabase}) and Kafka (the gateway's {@code KafkaBroker}) come from,
 * decided here for both: from the compose file's images through Testcontainers when a Docker engine answers,
 * otherwise embedded in the test JVM (zonky's PostgreSQL, a KRaft broker). The same tests run either way.
 * <p>
 * System property {@value #PROPERTY} (or environment variable {@value #ENVIRONMENT}) overrides the choice:
 * {@code auto} (the default: Testcontainers if Docker answers), {@code embedded} (Docker is not even asked) or
 * {@code containers} (fails when Docker does not answer, with Testcontainers' own account of why).
 * Each resource says what it got in one line at its first use, {@value #PREFIX}..., on the console
 * ({@link #announce}).
 */
public final class TestInfrastructure {

    public static final String PROPERTY = "catalog.test.infrastructure";
    public static final String ENVIRONMENT = "CATALOG_TEST_INFRASTRUCTURE";
    public static final String PREFIX = "Test infrastructure: ";
    /** The compose file's PostgreSQL image ({@code TestInfrastructureTest} keeps the two equal). */
    public static final String POSTGRES_IMAGE = "postgres:17.6-bookworm";
    /** The compose file's Kafka image ({@code TestInfrastructureTest} keeps the two equal). */
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    /** What the property asks for. */
    public enum Requested {
        AUTO, EMBEDDED, CONTAINERS;

        static Requested parse(String value) {
            if (value == null || value.isBlank()) {
                return AUTO;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PROPERTY + " (" + ENVIRONMENT + ") is '" + value
                        + "': use auto, embedded or containers");
            }
        }
    }

    /** Testcontainers or embedded, and why: the second half of the announced line. */
    public record Choice(boolean containers, String reason) {
    }

    private static Boolean docker;

    private TestInfrastructure() {
    }

    /** The choice for a resource of this JVM; Docker is asked at most once per JVM, and not at all when forced. */
    public static Choice choose() {
        return choose(requested(System::getProperty, System::getenv), TestInfrastructure::dockerAvailable);
    }

    static Requested requested(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String value = properties.apply(PROPERTY);
        return Requested.parse(value != null ? value : environment.apply(ENVIRONMENT));
    }

    static Choice choose(Requested requested, BooleanSupplier docker) {
        return switch (requested) {
            case EMBEDDED -> new Choice(false, "forced by " + PROPERTY + "=embedded (Testcontainers skipped)");
            case CONTAINERS -> {
                if (!docker.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=containers, but no Docker engine answers "
                            + "(Testcontainers' log above says where it looked)");
                }
                yield new Choice(true, "forced by " + PROPERTY + "=containers");
            }
            case AUTO -> docker.getAsBoolean()
                    ? new Choice(true, "a Docker engine answered")
                    : new Choice(false, "no Docker engine (Testcontainers skipped)");
        };
    }

    /**
     * Prints the one line that says what a resource runs on, e.g. {@code Test infrastructure: Kafka from ...; why}, on
     * standard output; where a test runner captured standard output (Maven's Surefire keeps it in a report file,
     * Failsafe passes it on), on the process's own standard error instead, which both show on Maven's console.
     */
    public static void announce(String resource, Choice choice) {
        String line = line(resource, choice);
        if (System.out.getClass() == PrintStream.class) {
            System.out.println(line);
        } else {
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8).println(line);
        }
    }

    static String line(String resource, Choice choice) {
        return PREFIX + resource + "; " + choice.reason();
    }

    /**
     * Whether a Docker engine answers. Asked unforced, a missing engine is the expected case on machines without
     * one, so Testcontainers' search is kept out of the log then (forced, its ERROR says where it looked).
     */
    private static synchronized boolean dockerAvailable() {
        if (docker == null) {
            boolean forced = requested(System::getProperty, System::getenv) == Requested.CONTAINERS;
            Runnable restore = forced ? () -> { } : quiet("org.testcontainers");
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } finally {
                restore.run();
            }
        }
        return docker;
    }

    /** Turns a logger off if Logback is the binding, and returns how to restore it. */
    private static Runnable quiet(String name) {
        if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
            ch.qos.logback.classic.Level before = logger.getLevel();
            logger.setLevel(ch.qos.logback.classic.Level.OFF);
            return () -> logger.setLevel(before);
        }
        return () -> { };
    }
}
