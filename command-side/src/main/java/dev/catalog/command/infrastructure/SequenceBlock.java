package dev.catalog.command.infrastructure;

import dev.catalog.platform.database.PendingWrites;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * New ids from a PostgreSQL sequence, taken {@value #SIZE} at a time (ADR 2): a creation then needs no round
 * trip of its own to learn its id, and its writes can all go with its commit ({@code PendingWrites}).
 *
 * <p>Within one instance ids keep increasing; across instances they interleave by blocks, and the unused rest of
 * a block is a gap when the instance stops. A block taken before the sequence was moved on (an import of events
 * advances it) may hold ids that are taken by then: {@link #forget} drops it.
 */
final class SequenceBlock {

    static final int SIZE = 20;

    private final JdbcClient jdbc;
    private final String sequence;
    private final String nextBlock;
    private final Deque<Long> ids = new ArrayDeque<>(SIZE);

    SequenceBlock(DataSource dataSource, String sequence) {
        this.jdbc = JdbcClient.create(dataSource);
        this.sequence = sequence;
        this.nextBlock = "SELECT nextval('" + sequence + "') FROM generate_series(1, " + SIZE + ") ORDER BY 1";
    }

    /** The next id of this instance's block, taking a new block when it is used up. */
    synchronized long next() {
        if (ids.isEmpty()) {
            ids.addAll(jdbc.sql(nextBlock).query(Long.class).list());
        }
        return ids.removeFirst();
    }

    /** Drops the ids not handed out yet: the next one comes from a new block. */
    synchronized void forget() {
        ids.clear();
    }

    /**
     * When {@code failure} is a duplicate of {@code primaryKey}, the key this block's ids go into, an id handed out
     * was taken meanwhile: drops the block and returns the error to report. Otherwise {@code null}.
     */
    RuntimeException takenMeanwhile(SQLException failure, String primaryKey) {
        if (!PendingWrites.violates(failure, primaryKey)) {
            return null;
        }
        forget();
        return new IllegalStateException("A new id from " + sequence + " was taken meanwhile (the sequence was moved "
                + "on, e.g. by an import of events); the next attempt gets a new id.");
    }
}
