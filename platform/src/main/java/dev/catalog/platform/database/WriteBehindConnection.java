package dev.catalog.platform.database;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * A connection of the application's pools that holds the {@link PendingWrites} of its transaction and sends them in
 * one message: with the {@code COMMIT} (a commit is then that one round trip), or before any other statement,
 * savepoint or change of auto-commit, so that everything else on the connection runs after them as if they had run
 * at once. A rollback drops them.
 *
 * <p>It takes its pooled connection only when the transaction first needs the server, not when the transaction
 * begins: a command works in the JVM between its statements, and a creation sends nothing before its commit, so
 * holding a connection from the start made commands queue for the pool while most of its connections sat idle in
 * a transaction (ADR 24). A transaction that has needed no connection before its commit commits in a group when
 * there is one ({@link GroupCommit}), on another member's connection or, when it leads, on one taken then.
 *
 * <p>The {@code COMMIT} travels in the same message as the writes: PostgreSQL runs the statements in order and
 * stops at the first error, which leaves the transaction failed and the {@code COMMIT} unrun; the driver then
 * throws that error, and the caller's rollback ends the transaction. After a successful {@code COMMIT} the driver
 * knows the transaction is over and its own {@code commit()} sends nothing.
 */
final class WriteBehindConnection implements InvocationHandler {

    /**
     * Writes sent in one message at most: a long cascade's writes go in several, each well within what the
     * socket buffers hold while the driver writes before it reads.
     */
    static final int MAX_PER_MESSAGE = 64;

    /** One pending statement. */
    record Write(String sql, List<?> params, PendingWrites.Failure onFailure) {
    }

    /** What {@link PendingWrites} sees of a connection handed out by this package. */
    interface Pending {
        void add(Write write);
    }

    /** Where the pooled connection comes from, when it is first needed. */
    @FunctionalInterface
    interface Pool {
        Connection take() throws SQLException;
    }

    /** Failures no write recognised surface as Spring's JDBC templates report them. */
    private static final SQLExceptionTranslator TRANSLATOR = new SQLExceptionSubclassTranslator();

    private final Pool pool;
    private final GroupCommit group;
    private final List<Write> pending = new ArrayList<>();
    /** The pooled connection, once taken; given back on {@code close}. */
    private Connection target;
    /**
     * The auto-commit mode to give the pooled connection when it is taken. The pools hand out connections in
     * auto-commit mode (HikariCP's default, restored when a connection is given back).
     */
    private boolean autoCommit = true;
    private boolean closed;

    private WriteBehindConnection(Pool pool, GroupCommit group) {
        this.pool = pool;
        this.group = group;
    }

    /**
     * @param group where transactions that need no connection before their commit commit together, or
     *              {@code null} for each transaction to commit alone
     */
    static Connection wrap(Pool pool, GroupCommit group) {
        return (Connection) Proxy.newProxyInstance(WriteBehindConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class, Pending.class}, new WriteBehindConnection(pool, group));
    }

    /** Runs one write on {@code connection} at once (no transaction, or a connection of another origin). */
    static void runNow(Connection connection, Write write) {
        send(connection, List.of(write), false);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "WriteBehindConnection[" + target + ", " + pending.size() + " pending]";
            }
            case "isClosed" -> {
                return closed || (target != null && target.isClosed());
            }
            case "close", "abort" -> {
                pending.clear();
                closed = true;
                Connection taken = target;
                target = null;
                return taken == null ? null : delegate(taken, method, args);
            }
            default -> {
            }
        }
        if (closed) {
            throw new SQLException("The connection is closed");
        }
        switch (method.getName()) {
            case "add" -> { // Pending's: Connection has no such method
                pending.add((Write) args[0]);
                if (pending.size() >= MAX_PER_MESSAGE) {
                    flush();
                }
                return null;
            }
            case "commit" -> {
                commit();
                return target == null ? null : delegate(target, method, args);
            }
            case "rollback" -> {
                pending.clear();
                return target == null ? null : delegate(target, method, args);
            }
            case "setAutoCommit" -> {
                flush();
                autoCommit = (Boolean) args[0];
                return target == null ? null : delegate(target, method, args);
            }
            case "getAutoCommit" -> {
                return autoCommit;
            }
            case "getWarnings", "clearWarnings" -> {
                return target == null ? null : delegate(target, method, args);
            }
            case "prepareStatement", "prepareCall", "createStatement", "setSavepoint", "releaseSavepoint" -> flush();
            default -> {
            }
        }
        return delegate(connection(), method, args);
    }

    private static Object delegate(Connection connection, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The pooled connection, taken now if the transaction has not needed it yet. */
    private Connection connection() throws SQLException {
        if (target == null) {
            Connection taken = pool.take();
            try {
                if (!autoCommit) {
                    taken.setAutoCommit(false);
                }
            } catch (SQLException | RuntimeException failure) {
                taken.close();
                throw failure;
            }
            target = taken;
        }
        return target;
    }

    /**
     * Sends the pending writes with the {@code COMMIT}: in a group when the transaction has needed no connection
     * before (so that waiting for the group holds none).
     */
    private void commit() throws SQLException {
        List<Write> writes = takePending();
        if (writes.isEmpty()) {
            return;
        }
        if (group != null && target == null) {
            try {
                if (group.commit(writes, this::connection) == GroupCommit.Outcome.COMMITTED) {
                    return;
                }
            } catch (SQLException failure) {
                throw translate(writes, failure);
            }
        }
        send(connection(), writes, true);
    }

    /** Sends the pending writes ahead of another statement, in the transaction. */
    private void flush() throws SQLException {
        List<Write> writes = takePending();
        if (!writes.isEmpty()) {
            send(connection(), writes, false);
        }
    }

    private List<Write> takePending() {
        List<Write> writes = List.copyOf(pending);
        pending.clear();
        return writes;
    }

    private static void send(Connection connection, List<Write> writes, boolean commit) {
        try {
            execute(connection, writes, commit);
        } catch (SQLException failure) {
            throw translate(writes, failure);
        }
    }

    /** Sends {@code writes} (and {@code COMMIT}) in one message; the driver's failure is left untranslated. */
    static void execute(Connection connection, List<Write> writes, boolean commit) throws SQLException {
        StringBuilder sql = new StringBuilder();
        for (Write write : writes) {
            sql.append(write.sql()).append(";\n");
        }
        if (commit) {
            sql.append("COMMIT");
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Write write : writes) {
                for (Object value : write.params()) {
                    bind(statement, index++, value);
                }
            }
            statement.execute();
        }
    }

    /** The exception of the first write that recognises {@code failure}, or Spring's. */
    private static RuntimeException translate(List<Write> writes, SQLException failure) {
        for (Write write : writes) {
            RuntimeException translated = write.onFailure().translate(failure);
            if (translated != null) {
                return translated;
            }
        }
        DataAccessException translated = TRANSLATOR.translate("pending writes", null, failure);
        return translated != null ? translated : new UncategorizedSQLException("pending writes", null, failure);
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        Object plain = value instanceof SqlParameterValue wrapped ? wrapped.getValue() : value;
        if (plain == null) {
            statement.setNull(index, Types.NULL);
        } else {
            statement.setObject(index, plain);
        }
    }
}
