package dev.catalog.query.infrastructure;

import dev.catalog.platform.database.PendingWrites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way a view projection writes its rows: a version-guarded {@link #upsert} or a {@link #delete}.
 *
 * <p>Inline (a command's transaction) each statement is one of the command's {@link PendingWrites}: it goes to the
 * database with the command's other writes and its commit, in one round trip. During a rebuild or a verification, which replay
 * thousands of events per transaction, the statements of a page are collected on the calling thread
 * ({@link #batching}) and sent as JDBC batches, every upsert first, then every delete: the same rows result as
 * running them one by one in event order, because an upsert changes a row only with a newer version (their order
 * does not matter) and a deletion is the last event of its row (identifiers are never reused).
 *
 * <p>Either way the statements must run inside a transaction, so view rows commit with the events they come from
 * or not at all. A write outside one means Axon is not wired with Spring's transaction manager; it fails loudly
 * rather than silently lose that guarantee.
 */
@Component
public class ViewWrites {

    private static final ThreadLocal<Batch> BATCH = new ThreadLocal<>();

    private final PendingWrites pending;
    /** The projections' few statements, each parsed once and turned into positional form once. */
    private final Map<String, Positional> positional = new ConcurrentHashMap<>();

    public ViewWrites(DataSource dataSource) {
        this.pending = new PendingWrites(dataSource);
    }

    /** Writes a row's new state; {@code sql} must change the row only when it carries a newer version. */
    public void upsert(String sql, Map<String, ?> params) {
        Batch batch = BATCH.get();
        if (batch != null) {
            batch.upserts.computeIfAbsent(sql, key -> new ArrayList<>()).add(new MapSqlParameterSource(params));
        } else {
            inline(sql, params);
        }
    }

    /** Deletes a row for good: no later event writes it again. */
    public void delete(String sql, Map<String, ?> params) {
        Batch batch = BATCH.get();
        if (batch != null) {
            batch.deletes.computeIfAbsent(sql, key -> new ArrayList<>()).add(new MapSqlParameterSource(params));
        } else {
            inline(sql, params);
        }
    }

    /**
     * Collects the writes the calling thread makes until {@link Batch#close}, which sends them through {@code jdbc}
     * (in the caller's transaction). Not reentrant.
     */
    public static Batch batching(NamedParameterJdbcTemplate jdbc) {
        if (BATCH.get() != null) {
            throw new IllegalStateException("Already collecting view writes on this thread");
        }
        Batch batch = new Batch(jdbc);
        BATCH.set(batch);
        return batch;
    }

    private void inline(String sql, Map<String, ?> params) {
        requireTransaction();
        Positional statement = positional.computeIfAbsent(sql, Positional::of);
        pending.add(statement.sql(), Arrays.asList(NamedParameterUtils.buildValueArray(statement.parsed(),
                new MapSqlParameterSource(params), null)), PendingWrites.Failure.UNEXPECTED);
    }

    /** A statement with {@code :named} parameters and its form with {@code ?} (no parameter is a collection). */
    private record Positional(ParsedSql parsed, String sql) {
        static Positional of(String namedSql) {
            ParsedSql parsed = NamedParameterUtils.parseSqlStatement(namedSql);
            return new Positional(parsed, NamedParameterUtils.substituteNamedParameters(parsed, null));
        }
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A projection wrote outside a transaction: Axon's TransactionManager must be "
                    + "Spring's (SpringTransactionManager) so view rows commit with their events");
        }
    }

    /** The writes of one page of events, collected on one thread. */
    public static final class Batch implements AutoCloseable {

        private final NamedParameterJdbcTemplate jdbc;
        private final Map<String, List<SqlParameterSource>> upserts = new LinkedHashMap<>();
        private final Map<String, List<SqlParameterSource>> deletes = new LinkedHashMap<>();

        private Batch(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Sends what was collected so far, upserts first, and starts collecting again. */
        public void flush() {
            requireTransaction();
            for (Map<String, List<SqlParameterSource>> statements : List.of(upserts, deletes)) {
                statements.forEach((sql, params) -> jdbc.batchUpdate(sql, params.toArray(SqlParameterSource[]::new)));
                statements.clear();
            }
        }

        /** Stops collecting on this thread; what was not flushed is dropped. */
        @Override
        public void close() {
            BATCH.remove();
        }
    }
}
