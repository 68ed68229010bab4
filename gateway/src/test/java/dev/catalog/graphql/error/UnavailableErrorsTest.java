package dev.catalog.graphql.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class UnavailableErrorsTest {

    @Test
    void a_pool_that_found_no_connection_or_a_broken_connection_is_the_database_out_of_reach() {
        assertThat(UnavailableErrors.isDatabaseUnreachable(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("reads - Connection is not available, request timed out after 5000ms")))).isTrue();
        assertThat(UnavailableErrors.isDatabaseUnreachable(new RuntimeException(new SQLException("An I/O error occurred", "08006"))))
                .isTrue();
        assertThat(UnavailableErrors.isDatabaseUnreachable(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(UnavailableErrors.isDatabaseUnreachable(new IllegalStateException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void other_database_errors_are_not() {
        assertThat(UnavailableErrors.isDatabaseUnreachable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(UnavailableErrors.isDatabaseUnreachable(new SQLException("canceling statement due to statement timeout", "57014")))
                .isFalse();
        assertThat(UnavailableErrors.isDatabaseUnreachable(new IllegalStateException("boom"))).isFalse();
    }
}
