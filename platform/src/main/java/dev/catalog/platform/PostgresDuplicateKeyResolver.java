package dev.catalog.platform;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.dao.DuplicateKeyException;

/**
 * Tells Axon's JDBC event store that an append failed on a unique constraint, so it reports a
 * {@code ConcurrencyException} (another writer appended that aggregate's sequence number first)
 * instead of a generic {@code EventStoreException}.
 *
 * <p>Needed because Axon's default {@code JdbcSQLErrorCodesResolver} only recognizes
 * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws: it
 * throws a {@code PSQLException} with SQLState 23505 ({@code unique_violation}).
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DuplicateKeyException
                    || cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
