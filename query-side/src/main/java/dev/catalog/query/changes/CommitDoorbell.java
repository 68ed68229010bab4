package dev.catalog.query.changes;

import dev.catalog.platform.database.DatabaseEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells every instance's {@link ChangeFeed} that events were committed, so that subscribers hear of a change
 * within milliseconds wherever it was written. A wake-up carries nothing: the feeds read the changes from the
 * store.
 *
 * <p>After each commit of events on this instance, its own feeds are woken at once and the other instances by a
 * PostgreSQL {@code NOTIFY} on channel {@value #CHANNEL}, sent from a connection of its own, outside the command's
 * transaction: a {@code NOTIFY} inside it would serialize every commit of the database on PostgreSQL's
 * notification lock. A burst of commits sends one {@code NOTIFY} per {@code notify-interval}. Each instance
 * {@code LISTEN}s on another connection of its own. A lost wake-up (a connection down, an instance killed between
 * its commit and its {@code NOTIFY}) delays changes by at most the feeds' {@code poll-interval}.
 */
public final class CommitDoorbell implements SmartLifecycle {

    static final String CHANNEL = "catalog_events";
    private static final Logger log = LoggerFactory.getLogger(CommitDoorbell.class);
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    private final DatabaseEndpoint database;
    private final EventBus events;
    private final ChangeFeedProperties properties;
    private final Set<Runnable> listeners = ConcurrentHashMap.newKeySet();
    private final Semaphore committed = new Semaphore(0);
    private volatile boolean running;
    private Registration commits;
    private Thread listening;
    private Thread ringing;

    public CommitDoorbell(DatabaseEndpoint database, EventBus events, ChangeFeedProperties properties) {
        this.database = database;
        this.events = events;
        this.properties = properties;
    }

    /** {@code listener} runs (on a thread of this doorbell, briefly) whenever events may have been committed. */
    void onCommit(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void start() {
        running = true;
        // Called while the unit of work prepares its commit: every command's and every processor's events.
        commits = events.subscribe(batch -> CurrentUnitOfWork.ifStarted(unitOfWork ->
                unitOfWork.root().afterCommit(committedWork -> committedHere())));
        listening = Thread.ofPlatform().daemon().name("commit-doorbell-listen").start(this::listen);
        ringing = Thread.ofPlatform().daemon().name("commit-doorbell-ring").start(this::ring);
    }

    @Override
    public void stop() {
        running = false;
        commits.cancel();
        listening.interrupt();
        ringing.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void committedHere() {
        wakeListeners();
        committed.release();
    }

    private void wakeListeners() {
        listeners.forEach(Runnable::run);
    }

    private void ring() {
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                while (running) {
                    committed.acquire();
                    committed.drainPermits();
                    statement.execute("NOTIFY " + CHANNEL);
                    Thread.sleep(properties.notifyInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                pause("send wake-ups", e);
            }
        }
    }

    private void listen() {
        int timeout = (int) Math.min(Integer.MAX_VALUE, properties.pollInterval().toMillis());
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                wakeListeners(); // whatever was committed while not listening
                while (running) {
                    PGNotification[] received = notifications.getNotifications(timeout);
                    if (received != null && received.length > 0) {
                        wakeListeners();
                    }
                }
            } catch (SQLException e) {
                pause("listen for wake-ups", e);
            }
        }
    }

    private void pause(String what, SQLException e) {
        if (!running) {
            return;
        }
        log.warn("Cannot {} on {} ({}); trying again in {} ms; subscribers hear of changes every {} meanwhile",
                what, database, e.getMessage(), RECONNECT_DELAY_MILLIS, properties.pollInterval());
        try {
            TimeUnit.MILLISECONDS.sleep(RECONNECT_DELAY_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", database.username());
        if (database.password() != null) {
            login.setProperty("password", database.password());
        }
        login.setProperty("ApplicationName", "catalog-commit-doorbell");
        login.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), login);
        connection.setAutoCommit(true);
        return connection;
    }
}
