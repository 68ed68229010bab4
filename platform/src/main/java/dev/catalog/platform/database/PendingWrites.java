package dev.catalog.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes that wait for their transaction's commit and go to PostgreSQL with it, in one round trip.
 *
 * <p>A command's writes (its registry row, its events, the view rows they project to) change nothing that the
 * command reads afterwards, so they need not be sent one by one: {@link #add} keeps each statement on the
 * transaction's connection, which sends them all, followed by {@code COMMIT}, in one message when the transaction
 * commits ({@link WriteBehindConnection}). A create is one round trip instead of four (ADR 21).
 *
 * <p>What callers must know:
 * <ul>
 *   <li>Any other statement on the transaction's connection first sends the writes pending on it, so a read in
 *       the same transaction always sees them.</li>
 *   <li>A write that fails, fails the commit: nothing of the transaction is stored. A constraint violation
 *       surfaces from the commit, not from {@link #add}; the {@link Failure} given with the write turns it into
 *       the caller's own exception (the first write whose {@code Failure} answers wins), as if the statement had
 *       run at once.</li>
 *   <li>Outside a transaction, or on a connection that this package did not hand out, the statement runs at
 *       once, with the same {@code Failure}.</li>
 * </ul>
 */
public final class PendingWrites {

    /** PostgreSQL's SQLSTATE for a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    public PendingWrites(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Adds one statement with positional ({@code ?}) parameters to the current transaction's writes.
     *
     * @param onFailure turns the statement's failure into the exception callers expect, or answers {@code null}
     *                  when the failure is not this statement's
     */
    public void add(String sql, List<?> params, Failure onFailure) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (TransactionSynchronizationManager.isActualTransactionActive()
                    && connection instanceof WriteBehindConnection.Pending pending) {
                pending.add(new WriteBehindConnection.Write(sql, params, onFailure));
            } else {
                WriteBehindConnection.runNow(connection, new WriteBehindConnection.Write(sql, params, onFailure));
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** Whether {@code failure} is a unique violation of the constraint (or unique index) named {@code constraint}. */
    public static boolean violates(SQLException failure, String constraint) {
        return UNIQUE_VIOLATION.equals(failure.getSQLState()) && constraint.equals(constraintOf(failure));
    }

    /** Whether {@code failure} is a unique violation on table {@code table} (any of its unique constraints). */
    public static boolean violatesUniqueOn(SQLException failure, String table) {
        return UNIQUE_VIOLATION.equals(failure.getSQLState()) && failure instanceof PSQLException psql
                && psql.getServerErrorMessage() != null
                && table.equalsIgnoreCase(psql.getServerErrorMessage().getTable());
    }

    private static String constraintOf(SQLException failure) {
        ServerErrorMessage message = failure instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return message == null ? null : message.getConstraint();
    }

    /** Turns a pending write's failure into the exception its caller would have got had it run at once. */
    @FunctionalInterface
    public interface Failure {

        /** For writes whose failures are all unexpected: they surface as the driver reported them. */
        Failure UNEXPECTED = failure -> null;

        /** The caller's exception for {@code failure}, or {@code null} when the failure is not this write's. */
        RuntimeException translate(SQLException failure);
    }
}
