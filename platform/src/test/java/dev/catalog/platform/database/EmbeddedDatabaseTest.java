package dev.catalog.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of the default deployment as an operator meets it: durable, and reachable only with the
 * password kept beside its data (ADR 10).
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path work;

    @Test
    void a_new_cluster_accepts_only_its_own_password_kept_readable_by_its_owner_only() throws Exception {
        Path data = work.resolve("data");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, true)) {
            Path passwordFile = data.resolve(DatabasePassword.FILE_NAME);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
            assertThat(Files.readString(passwordFile).strip()).isEqualTo(database.endpoint().password());

            assertThat(show(database.endpoint(), "SELECT current_user")).isEqualTo("postgres");
            assertRefused(database.endpoint(), null);
            assertRefused(database.endpoint(), "not-the-password");
        }
    }

    @Test
    void durable_unless_told_otherwise_and_the_choice_survives_a_restart_on_the_same_data() throws Exception {
        Path data = work.resolve("data");
        try (EmbeddedDatabase durable = EmbeddedDatabase.start(data, 0, true)) {
            assertThat(show(durable.endpoint(), "SHOW fsync")).isEqualTo("on");
            assertThat(show(durable.endpoint(), "SHOW synchronous_commit")).isEqualTo("on");
        }
        try (EmbeddedDatabase throwAway = EmbeddedDatabase.start(data, 0, false)) {
            assertThat(show(throwAway.endpoint(), "SHOW fsync")).isEqualTo("off");
            assertThat(show(throwAway.endpoint(), "SHOW synchronous_commit")).isEqualTo("off");
        }
        try (EmbeddedDatabase durableAgain = EmbeddedDatabase.start(data, 0, true)) {
            assertThat(show(durableAgain.endpoint(), "SHOW synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void a_cluster_that_trusted_every_local_connection_gets_a_password_at_its_first_start() throws Exception {
        Path data = work.resolve("data");
        // What an earlier version created: zonky's own cluster, which trusts every connection.
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
             Connection connection = trusting.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute("CREATE TABLE kept (note text)");
            connection.createStatement().execute("INSERT INTO kept VALUES ('written before the switch')");
        }
        assertThat(data.resolve(DatabasePassword.FILE_NAME)).doesNotExist();

        try (EmbeddedDatabase database = EmbeddedDatabase.start(data, 0, true)) {
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^\\s*(local|host).*trust");
            assertRefused(database.endpoint(), null);
            assertThat(show(database.endpoint(), "SELECT note FROM kept")).isEqualTo("written before the switch");
        }
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(data, 0, true)) {
            assertThat(show(restarted.endpoint(), "SELECT note FROM kept")).isEqualTo("written before the switch");
            assertRefused(restarted.endpoint(), "not-the-password");
        }
    }

    private static String show(DatabaseEndpoint endpoint, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(),
                endpoint.password()); ResultSet result = connection.createStatement().executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static void assertRefused(DatabaseEndpoint endpoint, String password) {
        Properties login = new Properties();
        login.setProperty("user", endpoint.username());
        if (password != null) {
            login.setProperty("password", password);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(endpoint.jdbcUrl(), login).close())
                .as("a login with %s", password == null ? "no password" : "a wrong password")
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }
}
