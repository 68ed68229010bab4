package dev.catalog.gateway;

import dev.catalog.platform.database.DatabaseEndpoint;
import dev.catalog.platform.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the gateway's end-to-end tests' service on the tests' PostgreSQL ({@link TestDatabase}, as in the other
 * modules): the compose file's image through Testcontainers where a Docker engine answers, otherwise zonky's embedded
 * PostgreSQL, one server per test JVM; the first use prints which. Each data directory gets a database of its own, kept
 * for the JVM's life, so an instance restarted on its data directory finds its data again.
 *
 * <p>It leaves alone a service given a database ({@code spring.datasource.url}: another instance's), one with no data
 * directory set (not a test's service), and one whose test is about the service's own embedded PostgreSQL
 * ({@value #OWN_EMBEDDED_DATABASE}{@code =true}), which then starts it as {@code bin/run} does. Registered in
 * {@code META-INF/spring.factories}, so it runs for {@code @SpringBootTest} and {@link CatalogInstance} alike, before
 * the configuration decides on the embedded database.
 *
 * <p>The Spring test context cache keeps every context's pools open on the one server, so a service's pools are
 * smaller here than by default, unless its test sets them. The services still open when the tests end are closed
 * then ({@link CloseServicesBeforeExit}), while the server is up: at the JVM's exit their shutdown would race the
 * server's own, and each would wait for connections that never come.
 */
public final class TestInfrastructureDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** Set on a test's service to keep it on its own embedded PostgreSQL, whatever the infrastructure. */
    public static final String OWN_EMBEDDED_DATABASE = "catalog.test.own-embedded-database";

    /** The services on the tests' server, in the order they started. */
    private static final Set<ConfigurableApplicationContext> OPEN = Collections.synchronizedSet(new LinkedHashSet<>());

    private static final Map<String, String> POOLS = Map.of(
            "catalog.database.reads.connections", "6",
            "catalog.database.writes.connections", "8",
            "catalog.database.processing.connections", "4");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        String dataDir = environment.getProperty("catalog.data-dir");
        if (url != null && !url.isBlank() || dataDir == null
                || environment.getProperty(OWN_EMBEDDED_DATABASE, Boolean.class, false)) {
            return;
        }
        DatabaseEndpoint database = TestDatabase.existingOrNewDatabase(databaseName(dataDir));
        Map<String, Object> properties = new HashMap<>(Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password()));
        POOLS.forEach((name, size) -> {
            if (!environment.containsProperty(name)) {
                properties.put(name, size);
            }
        });
        environment.getPropertySources().addFirst(new MapPropertySource("testInfrastructureDatabase", properties));
        OPEN.add(context);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                OPEN.remove(context);
            }
        });
    }

    /** Closes the services on the tests' server that are still open, the last started first. */
    static void closeOpenServices() {
        List<ConfigurableApplicationContext> open = new ArrayList<>(OPEN);
        Collections.reverse(open);
        open.forEach(ConfigurableApplicationContext::close);
    }

    /** At the end of the test run, before the JVM's exit: {@link #closeOpenServices()}. */
    public static final class CloseServicesBeforeExit implements LauncherSessionListener {
        @Override
        public void launcherSessionClosed(LauncherSession session) {
            closeOpenServices();
        }
    }

    /** One database per data directory: its path's digest, a valid identifier. */
    static String databaseName(String dataDir) {
        String path = Path.of(dataDir).toAbsolutePath().normalize().toString();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "service_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
