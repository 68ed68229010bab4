package dev.catalog.events.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Serializable form of a command's failure in the database, for {@code CommandExecutionException} details (ADR 28):
 * the first {@link SQLException} among the causes, its message, SQLState and whether the driver or pool called it a
 * connection failure. It carries no judgement: the caller rebuilds the exception ({@link #toException()}) and
 * classifies it as it classifies a local one, so a database out of reach on the handling instance is answered
 * {@code SERVICE_UNAVAILABLE} there and here alike.
 *
 * @param sqlState   the SQLState, or {@code null} when the exception had none
 * @param connection whether it was a {@link SQLTransientConnectionException} or
 *                   {@link SQLNonTransientConnectionException} (the pool's "no connection within the timeout")
 */
public record DatabaseFailure(String message, String sqlState, boolean connection) {

    /** The failure's first {@link SQLException}, described; {@code null} when no cause is one. */
    static DatabaseFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return new DatabaseFailure(sql.getMessage(), sql.getSQLState(),
                        sql instanceof SQLTransientConnectionException || sql instanceof SQLNonTransientConnectionException);
            }
        }
        return null;
    }

    /** An exception whose cause is the {@link SQLException} described, of the same connection kind. */
    public RuntimeException toException() {
        SQLException cause = connection
                ? new SQLTransientConnectionException(message, sqlState)
                : new SQLException(message, sqlState);
        return new IllegalStateException("The command failed in the database of the instance that handled it: "
                + message, cause);
    }
}
