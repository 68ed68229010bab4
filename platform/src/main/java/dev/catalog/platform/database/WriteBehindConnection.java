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
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * A pooled connection that holds the {@link PendingWrites} of its transaction and sends them in one message: with
 * the {@code COMMIT} (a commit is then that one round trip), or before any other statement, savepoint or change of
 * auto-commit, so that everything else on the connection runs after them as if they had run at once. A rollback
 * drops them.
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

    /** Failures no write recognised surface as Spring's JDBC templates report them. */
    private static final SQLExceptionTranslator TRANSLATOR = new SQLExceptionSubclassTranslator();

    /** Calls that send nothing to the server: a transaction that made only these may commit in a group. */
    private static final Set<String> SILENT = Set.of("add", "setAutoCommit", "getAutoCommit", "isClosed",
            "isReadOnly", "getTransactionIsolation", "getHoldability", "getWarnings", "clearWarnings", "unwrap",
            "isWrapperFor", "equals", "hashCode", "toString");
    /** Calls that end the transaction (or the connection's checkout). */
    private static final Set<String> ENDS = Set.of("commit", "rollback", "close", "abort");

    private final Connection target;
    private final GroupCommit group;
    private final List<Write> pending = new ArrayList<>();
    /** Whether the current transaction used the connection for more than pending writes. */
    private boolean used;

    private WriteBehindConnection(Connection target, GroupCommit group) {
        this.target = target;
        this.group = group;
    }

    /**
     * @param group where transactions that have sent nothing before their commit commit together, or {@code null}
     *              for each transaction to commit alone
     */
    static Connection wrap(Connection target, GroupCommit group) {
        return (Connection) Proxy.newProxyInstance(WriteBehindConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class, Pending.class}, new WriteBehindConnection(target, group));
    }

    /** Runs one write on {@code connection} at once (no transaction, or a connection of another origin). */
    static void runNow(Connection connection, Write write) {
        send(connection, List.of(write), false);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (!SILENT.contains(name) && !ENDS.contains(name)) {
            used = true;
        }
        switch (name) {
            case "add" -> { // Pending's: Connection has no such method
                pending.add((Write) args[0]);
                if (pending.size() >= MAX_PER_MESSAGE) {
                    flush();
                }
                return null;
            }
            case "commit" -> commit();
            case "rollback", "close", "abort" -> {
                pending.clear();
                used = false;
            }
            case "prepareStatement", "prepareCall", "createStatement", "setSavepoint", "releaseSavepoint",
                 "setAutoCommit" -> flush();
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "WriteBehindConnection[" + target + ", " + pending.size() + " pending]";
            }
            default -> {
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Sends the pending writes with the {@code COMMIT}: in a group when the transaction sent nothing else. */
    private void commit() {
        boolean alone = used;
        used = false; // the driver's own commit, which follows, sends nothing after a COMMIT or an unused transaction
        List<Write> writes = takePending();
        if (writes.isEmpty()) {
            return;
        }
        if (group != null && !alone) {
            try {
                if (group.commit(writes, target) == GroupCommit.Outcome.COMMITTED) {
                    return;
                }
            } catch (SQLException failure) {
                throw translate(writes, failure);
            }
        }
        send(target, writes, true);
    }

    /** Sends the pending writes ahead of another statement, in the transaction. */
    private void flush() {
        List<Write> writes = takePending();
        if (!writes.isEmpty()) {
            used = true;
            send(target, writes, false);
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
