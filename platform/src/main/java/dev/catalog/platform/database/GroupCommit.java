package dev.catalog.platform.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.util.PSQLException;

/**
 * Commits the writes of several concurrent transactions as one PostgreSQL transaction, in one message (ADR 22).
 *
 * <p>A command whose transaction has sent nothing yet (a creation: its id comes from a block, its writes are all
 * pending) needs nothing from its transaction but atomicity, so its writes may share a transaction with other such
 * commands. PostgreSQL's fixed cost of a transaction (its start, its commit record, its WAL flush, one message
 * each way) is then paid once per group instead of once per command. A transaction that committed that way
 * returns only after the group's {@code COMMIT} succeeded, so read-your-writes holds as before.
 *
 * <p>Groups form without waiting: the first committer sends its writes alone; those who commit while it is in
 * flight queue up, and the next of them to run sends all the queued writes at once. One group is in flight at a
 * time, so groups never wait on each other's rows.
 *
 * <p>One member's failure must not fail the others: when PostgreSQL reports an error for the group, the group is
 * rolled back and every member commits again alone, on its own connection, where its failure is its own and is
 * reported as if the group had never been. An outcome the server did not report (the connection broke) is
 * unknown to every member, and each gets the failure.
 */
final class GroupCommit {

    /** SQLSTATE classes of errors that end a statement, not the session. */
    private static final Set<String> STATEMENT_ERRORS = Set.of("22", "23", "40", "42", "55");
    /** A statement cancelled, by its timeout or on request. */
    private static final String QUERY_CANCELED = "57014";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private final ArrayDeque<Member> queued = new ArrayDeque<>();
    private boolean inFlight;

    private final LongAdder groups = new LongAdder();
    private final LongAdder grouped = new LongAdder();

    /** A transaction waiting for its writes to be committed. */
    private static final class Member {
        final List<WriteBehindConnection.Write> writes;
        Outcome outcome;
        SQLException failure;

        Member(List<WriteBehindConnection.Write> writes) {
            this.writes = writes;
        }
    }

    /** How a member's writes ended. */
    enum Outcome {
        /** Committed (alone or in a group). */
        COMMITTED,
        /** The group failed on a member's error: commit alone, on the member's own connection. */
        RETRY_ALONE
    }

    /**
     * Commits {@code writes}, grouped with those of other transactions committing meanwhile, on the caller's own
     * connection (taken from {@code own} when this caller leads the group) or on another member's.
     *
     * @param own the caller's connection, in a transaction that has sent nothing yet; taken only when needed
     * @return whether the writes are committed, or must be committed again alone on the caller's own connection
     * @throws SQLException the failure of the caller's writes sent alone, or of a group whose outcome is unknown
     */
    Outcome commit(List<WriteBehindConnection.Write> writes, WriteBehindConnection.Pool own) throws SQLException {
        Member me = new Member(writes);
        List<Member> group;
        lock.lock();
        try {
            queued.add(me);
            while (inFlight && me.outcome == null && me.failure == null) {
                settled.awaitUninterruptibly();
            }
            if (me.outcome != null || me.failure != null) {
                return result(me);
            }
            inFlight = true;
            group = take(me);
        } finally {
            lock.unlock();
        }
        try {
            Connection connection;
            try {
                connection = own.take();
            } catch (SQLException noConnection) { // nothing was sent: each member commits alone, on its own
                settle(group, Outcome.RETRY_ALONE, null);
                return result(me);
            }
            send(group, connection);
        } finally {
            lock.lock();
            try {
                for (Member member : group) { // the leader failed unexpectedly (an Error): the outcome is unknown
                    if (member.outcome == null && member.failure == null) {
                        member.failure = new SQLException("The group commit failed unexpectedly; its outcome is unknown");
                    }
                }
                inFlight = false;
                settled.signalAll();
            } finally {
                lock.unlock();
            }
        }
        return result(me);
    }

    /** How many transactions wait for a group in flight to end. */
    int queued() {
        lock.lock();
        try {
            return queued.size();
        } finally {
            lock.unlock();
        }
    }

    /** How many groups of two or more transactions were committed, and how many transactions they held. */
    long[] counts() {
        return new long[] {groups.sum(), grouped.sum()};
    }

    /** The caller first, then the longest waiting, as many as one message takes. */
    private List<Member> take(Member leader) {
        queued.remove(leader);
        List<Member> group = new ArrayList<>();
        group.add(leader);
        int writes = leader.writes.size();
        for (Iterator<Member> waiting = queued.iterator(); waiting.hasNext(); ) {
            Member next = waiting.next();
            if (writes + next.writes.size() > WriteBehindConnection.MAX_PER_MESSAGE) {
                break;
            }
            writes += next.writes.size();
            group.add(next);
            waiting.remove();
        }
        return group;
    }

    /** Sends the group's writes and {@code COMMIT} in one message; a lone member's failure is its own. */
    private void send(List<Member> group, Connection connection) {
        List<WriteBehindConnection.Write> writes = new ArrayList<>();
        group.forEach(member -> writes.addAll(member.writes));
        try {
            WriteBehindConnection.execute(connection, writes, true);
            settle(group, Outcome.COMMITTED, null);
            if (group.size() > 1) {
                groups.increment();
                grouped.add(group.size());
            }
        } catch (SQLException failure) {
            if (group.size() == 1 || !rolledBack(failure)) {
                settle(group, null, failure);
                return;
            }
            try {
                connection.rollback(); // ends the failed transaction, so the leader can commit alone on it
                settle(group, Outcome.RETRY_ALONE, null);
            } catch (SQLException rollbackFailed) {
                failure.addSuppressed(rollbackFailed);
                settle(group, null, failure);
            }
        }
    }

    private static void settle(List<Member> group, Outcome outcome, SQLException failure) {
        for (Member member : group) {
            member.outcome = outcome;
            member.failure = failure;
        }
    }

    private Outcome result(Member me) throws SQLException {
        if (me.failure != null) {
            throw me.failure;
        }
        return me.outcome;
    }

    /**
     * Whether PostgreSQL answered the group with an error of a statement, which leaves the transaction failed and
     * its {@code COMMIT} unrun: then no member's writes are stored, and each may commit again. The classes are
     * those a statement raises (data, integrity, rollback, syntax or access, object state, a cancelled statement);
     * a broken connection or a fatal error may have come after the {@code COMMIT} took effect.
     */
    private static boolean rolledBack(SQLException failure) {
        String state = failure.getSQLState();
        return failure instanceof PSQLException psql && psql.getServerErrorMessage() != null && state != null
                && (STATEMENT_ERRORS.contains(state.substring(0, 2)) || QUERY_CANCELED.equals(state));
    }
}
