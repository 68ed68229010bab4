package dev.catalog.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection pool that, once a caller waited its whole timeout for a connection and got none, refuses every caller at
 * once while a thread of its own waits for a connection again; the first one it gets ends the refusals.
 *
 * <p>Why: when the database is out of reach, every connection a request takes fails only after the pool's timeout; a
 * mutation that takes three (an id block, its command, the rollback) failed after 15 s, longer than a client waits for
 * a GraphQL answer. With this, only the caller that found out waits; the others fail in microseconds with the cause it
 * got, and the pool serves again as soon as the database answers. A pool exhausted by load behaves the same way for as
 * long as no connection frees up within the timeout: the callers that would queue behind a full timeout are refused.
 */
final class FailFastPool extends HikariDataSource {

    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile SQLException unreachable;

    @Override
    public Connection getConnection() throws SQLException {
        SQLException cause = unreachable;
        if (cause != null) {
            throw new SQLTransientConnectionException(getPoolName() + " - no connection: none could be had within "
                    + getConnectionTimeout() + " ms, and none has been since", cause.getSQLState(), cause);
        }
        try {
            return super.getConnection();
        } catch (SQLTransientConnectionException e) {
            unreachable = e;
            probe();
            throw e;
        }
    }

    /** Waits for a connection on a thread of its own, again and again, until one comes or the pool closes. */
    private void probe() {
        if (!probing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().daemon().name(getPoolName() + "-probe").start(() -> {
            try {
                while (unreachable != null && !isClosed()) {
                    try (Connection connection = super.getConnection()) {
                        unreachable = null;
                    } catch (SQLException stillUnreachable) {
                        // Hikari waited its timeout; try again at once.
                    }
                }
            } finally {
                probing.set(false);
            }
        });
    }
}
