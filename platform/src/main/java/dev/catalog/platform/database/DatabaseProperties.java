package dev.catalog.platform.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The connection pools, bound from {@code catalog.database.*}: one per kind of work, so a burst of one kind
 * cannot take the connections another needs (a flood of heavy reads cannot stall the writes, nor the
 * processors). Every statement runs under its pool's timeout. Either setting of a pool may be given alone
 * ({@code CATALOG_DATABASE_READS_CONNECTIONS=20}); the other keeps its default.
 *
 * @param reads      GraphQL queries and every other read of the views: 10 connections, 5 s
 *                   ({@code CATALOG_DATABASE_READS_CONNECTIONS}, {@code CATALOG_DATABASE_READS_TIMEOUT})
 * @param writes     commands, with everything they write: 20 connections, 5 s ({@code CATALOG_DATABASE_WRITES_...});
 *                   a command holds one from its first statement to its commit, a creation for its commit only
 *                   (ADR 24)
 * @param processing asynchronous event processors: 6 connections, 60 s, since a processor's batch or a
 *                   rebuild may rightly run long ({@code CATALOG_DATABASE_PROCESSING_...})
 * @param groupCommit whether commands whose transaction sent nothing before its commit (creations) commit
 *                   together when they commit at the same time, in one PostgreSQL transaction (ADR 22): on by
 *                   default ({@code CATALOG_DATABASE_GROUP_COMMIT})
 */
@ConfigurationProperties("catalog.database")
public record DatabaseProperties(Pool reads, Pool writes, Pool processing, Boolean groupCommit) {

    public DatabaseProperties {
        groupCommit = groupCommit == null || groupCommit;
        reads = Pool.withDefaults(reads, 10, Duration.ofSeconds(5));
        writes = Pool.withDefaults(writes, 20, Duration.ofSeconds(5));
        processing = Pool.withDefaults(processing, 6, Duration.ofSeconds(60));
    }

    /**
     * @param connections the pool's size, fixed (idle connections are kept open)
     * @param timeout     the longest a statement may run ({@code statement_timeout}); a caller also waits at
     *                    most this long for a free connection
     */
    public record Pool(Integer connections, Duration timeout) {

        static Pool withDefaults(Pool configured, int connections, Duration timeout) {
            Pool pool = new Pool(configured == null || configured.connections == null ? connections : configured.connections,
                    configured == null || configured.timeout == null ? timeout : configured.timeout);
            if (pool.connections < 1) {
                throw new IllegalArgumentException("A connection pool needs at least 1 connection, got " + pool.connections);
            }
            if (pool.timeout.isNegative() || pool.timeout.isZero()) {
                throw new IllegalArgumentException("A statement timeout must be positive, got " + pool.timeout);
            }
            return pool;
        }
    }
}
