package dev.catalog.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a failure caused by the database being out of reach: {@code SERVICE_UNAVAILABLE}, which a client may
 * retry (through a balancer, another instance may answer), logged as a warning without a stack trace; a mutation that
 * got it may still have been applied, as with any failure after the request was sent.
 */
public final class UnavailableErrors {

    private static final Logger log = LoggerFactory.getLogger(UnavailableErrors.class);
    static final String MESSAGE = "The service cannot reach its database right now; retry shortly (another instance may "
            + "answer). A mutation may still have been applied: read it back before retrying.";

    private UnavailableErrors() {
    }

    /**
     * True when the failure is the database out of reach: no connection within the pool's timeout, or the one in use
     * broke (SQLState class 08, connection exception; 57P01-03, the server shutting down or starting).
     */
    public static boolean isDatabaseUnreachable(Throwable failure) {
        return Causes.of(failure).anyMatch(cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof SQLException sql && connectionLost(sql));
    }

    private static boolean connectionLost(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            // HikariCP's answer to any use of a connection it closed after it broke carries no SQLState.
            return "Connection is closed".equals(sql.getMessage());
        }
        return state.startsWith("08") || state.matches("57P0[123]");
    }

    /**
     * @param builder where the error points (a field's {@code newError(env)}, or none)
     * @param where   what failed, for the log
     */
    public static GraphQLError of(GraphqlErrorBuilder<?> builder, String where, Throwable failure) {
        log.warn("The database is out of reach {}: {}", where, failure.toString());
        return builder.message(MESSAGE).extensions(Map.of("code", ErrorCode.SERVICE_UNAVAILABLE.name())).build();
    }
}
