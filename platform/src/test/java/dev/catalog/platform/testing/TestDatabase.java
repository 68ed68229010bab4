package dev.catalog.platform.testing;

import dev.catalog.platform.database.DatabaseEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real PostgreSQL per test JVM (started on first use, stopped at JVM exit), in which each test class creates a
 * database of its own, so classes never see each other's rows or sequences. {@link TestInfrastructure} decides which
 * PostgreSQL: the compose file's image through Testcontainers where a Docker engine answers, otherwise zonky's
 * embedded PostgreSQL 17; the first use prints which. It is a scratch server: no fsync, no synchronous commit.
 */
public final class TestDatabase {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /** The event store and token store, shared by both sides. */
    public static final String PLATFORM_MIGRATIONS = "classpath:db/migration/platform";
    public static final String COMMAND_MIGRATIONS = "classpath:db/migration/command";
    public static final String QUERY_MIGRATIONS = "classpath:db/migration/query";

    /**
     * Enough for the gateway's end-to-end tests, whose cached application contexts each keep their pools open on this
     * server (TestInfrastructureDatabase), besides the module tests' own.
     */
    private static final String MAX_CONNECTIONS = "800";

    private static Server server;

    private TestDatabase() {
    }

    /** The shared server, started on first call. */
    private static synchronized Server server() {
        if (server == null) {
            TestInfrastructure.Choice choice = TestInfrastructure.choose();
            server = choice.containers() ? ContainerServer.start() : EmbeddedServer.start();
            TestInfrastructure.announce(server.description(), choice);
        }
        return server;
    }

    /** Creates an empty database (no schema), replacing one of that name, and returns how to reach it. */
    public static synchronized DatabaseEndpoint createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Use a lowercase identifier as database name: " + name);
        }
        try (Connection connection = server().connect();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return new DatabaseEndpoint(server().jdbcUrl(name), USER, PASSWORD);
    }

    /**
     * The database of this name, created empty when it does not exist yet and kept otherwise, so that a service
     * restarted on it finds its data again.
     */
    public static synchronized DatabaseEndpoint existingOrNewDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Use a lowercase identifier as database name: " + name);
        }
        try (Connection connection = server().connect();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return new DatabaseEndpoint(server().jdbcUrl(name), USER, PASSWORD);
    }

    /** Creates a database with the event store and these migration locations applied, and returns it. */
    public static DataSource migratedDatabase(String name, String... locations) {
        DatabaseEndpoint endpoint = createDatabase(name);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(endpoint.jdbcUrl());
        dataSource.setUser(endpoint.username());
        dataSource.setPassword(endpoint.password());
        List<String> all = new ArrayList<>(List.of(PLATFORM_MIGRATIONS));
        all.addAll(List.of(locations));
        Flyway.configure().dataSource(dataSource).locations(all.toArray(String[]::new)).load().migrate();
        return dataSource;
    }

    /** A running PostgreSQL in which the databases are created. */
    private interface Server {

        /** The JDBC URL of a database of this server. */
        String jdbcUrl(String database);

        /** A connection to the maintenance database, as {@link #USER}. */
        default Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
        }

        /** What it is, for the announced line. */
        String description();

        default String version() {
            try (Connection connection = connect(); Statement statement = connection.createStatement();
                 ResultSet version = statement.executeQuery("SHOW server_version")) {
                version.next();
                return version.getString(1).split(" ")[0];
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL does not answer", e);
            }
        }
    }

    /** Zonky's embedded PostgreSQL: the JVM's child process, with zonky's settings (no synchronous commit). */
    private record EmbeddedServer(EmbeddedPostgres postgres) implements Server {

        static Server start() {
            EmbeddedPostgres postgres;
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", MAX_CONNECTIONS).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the data directory is temporary anyway.
                }
            }));
            return new EmbeddedServer(postgres);
        }

        @Override
        public String jdbcUrl(String database) {
            return postgres.getJdbcUrl(USER, database);
        }

        @Override
        public Connection connect() throws SQLException {
            return postgres.getPostgresDatabase().getConnection();
        }

        @Override
        public String description() {
            return "embedded PostgreSQL " + version() + " (zonky)";
        }
    }

    /**
     * The compose file's PostgreSQL image, in a container that Testcontainers removes at JVM exit, configured as
     * zonky's server is (fsync and synchronous commit off, a scratch server).
     */
    private record ContainerServer(PostgreSQLContainer container) implements Server {

        static Server start() {
            PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(TestInfrastructure.POSTGRES_IMAGE))
                    .withDatabaseName("postgres").withUsername(USER).withPassword(PASSWORD)
                    .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off",
                            "-c", "max_connections=" + MAX_CONNECTIONS, "-c", "timezone=UTC");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new ContainerServer(container);
        }

        @Override
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + container.getHost() + ":"
                    + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
        }

        @Override
        public String description() {
            return "PostgreSQL " + version() + " from Testcontainers (" + TestInfrastructure.POSTGRES_IMAGE + ")";
        }
    }
}
