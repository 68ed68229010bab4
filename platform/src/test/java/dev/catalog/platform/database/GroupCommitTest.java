package dev.catalog.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.catalog.platform.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Transactions of the writes pool committing together, over a real PostgreSQL. A lock taken on the table by
 * another session holds the first committer's group in flight, so the transactions committing meanwhile queue up
 * and form the next group.
 */
class GroupCommitTest {

    private static final DatabaseEndpoint ENDPOINT = TestDatabase.createDatabase("group_commit");
    private static final WorkloadRoutingDataSource DATA_SOURCE = TestPools.routing(ENDPOINT, 8, true);
    private static final String INSERT = "INSERT INTO item (id, name) VALUES (?, ?)";

    private final JdbcClient jdbc = JdbcClient.create(DATA_SOURCE);
    private final PendingWrites writes = new PendingWrites(DATA_SOURCE);
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));
    private final GroupCommit group = DATA_SOURCE.group();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Connection locker;

    @BeforeEach
    void createTable() {
        jdbc.sql("DROP TABLE IF EXISTS item").update();
        jdbc.sql("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL CONSTRAINT item_name_key UNIQUE)").update();
    }

    @AfterEach
    void releaseTheTable() throws SQLException {
        if (locker != null) {
            locker.close();
        }
        threads.shutdownNow();
    }

    @AfterAll
    static void closePools() {
        DATA_SOURCE.destroy();
    }

    @Test
    void transactions_that_commit_while_a_group_is_in_flight_commit_together_in_the_next_one() throws SQLException {
        long[] before = group.counts();
        CompletableFuture<Void> first = holdTheFirstGroupInFlight(1, "lamp");

        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int id = 2; id <= 6; id++) {
            queued.add(create(id, "item " + id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> group.queued() == 5);
        releaseTheTable();

        first.join();
        queued.forEach(CompletableFuture::join);
        assertThat(names()).containsExactly("lamp", "item 2", "item 3", "item 4", "item 5", "item 6");
        long[] after = group.counts();
        assertThat(after[0] - before[0]).as("groups").isEqualTo(1);
        assertThat(after[1] - before[1]).as("transactions in groups").isEqualTo(5);
    }

    @Test
    void transactions_queued_for_a_group_hold_no_pooled_connection() throws SQLException {
        CompletableFuture<Void> first = holdTheFirstGroupInFlight(1, "lamp");
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int id = 2; id <= 4; id++) {
            queued.add(create(id, "item " + id));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> group.queued() == 3);

        assertThat(TestPools.writeConnectionsInUse(DATA_SOURCE)).as("the leader's only").isEqualTo(1);
        releaseTheTable();
        first.join();
        queued.forEach(CompletableFuture::join);
        assertThat(names()).containsExactly("lamp", "item 2", "item 3", "item 4");
    }

    @Test
    void a_commit_that_gets_no_connection_in_time_fails_and_stores_nothing() throws Exception {
        WorkloadRoutingDataSource onePool = TestPools.routing(ENDPOINT, 1, Duration.ofMillis(250), true);
        TransactionTemplate onOnePool = new TransactionTemplate(new DataSourceTransactionManager(onePool));
        PendingWrites writesOnOnePool = new PendingWrites(onePool);
        CompletableFuture<Void> holding = new CompletableFuture<>();
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> onOnePool.executeWithoutResult(status -> {
            JdbcClient.create(onePool).sql("SELECT 1").query(Integer.class).single(); // takes the only connection
            holding.join();
        }), threads);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> TestPools.writeConnectionsInUse(onePool) == 1);

            assertThatThrownBy(() -> onOnePool.executeWithoutResult(status ->
                    writesOnOnePool.add(INSERT, List.of(1, "lamp"), PendingWrites.Failure.UNEXPECTED)))
                    .isInstanceOf(TransactionException.class).rootCause().isInstanceOf(SQLTransientConnectionException.class);
            assertThat(names()).isEmpty();
        } finally {
            holding.complete(null);
            holder.join();
        }
        onOnePool.executeWithoutResult(status ->
                writesOnOnePool.add(INSERT, List.of(2, "desk"), PendingWrites.Failure.UNEXPECTED));
        assertThat(names()).containsExactly("desk");
        onePool.destroy();
    }

    @Test
    void a_member_whose_write_fails_gets_its_own_failure_and_the_others_are_committed() throws SQLException {
        jdbc.sql("INSERT INTO item VALUES (100, 'taken')").update();
        CompletableFuture<Void> first = holdTheFirstGroupInFlight(1, "lamp");

        CompletableFuture<Void> before = create(2, "desk");
        CompletableFuture<Void> failing = create(3, "taken");
        CompletableFuture<Void> after = create(4, "chair");
        await().atMost(Duration.ofSeconds(10)).until(() -> group.queued() == 3);
        releaseTheTable();

        first.join();
        before.join();
        after.join();
        assertThatThrownBy(failing::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("The name taken is taken");
        assertThat(names()).containsExactly("lamp", "desk", "chair", "taken");
    }

    @Test
    void a_transaction_that_sent_a_statement_before_its_commit_commits_alone() throws SQLException {
        CompletableFuture<Void> first = holdTheFirstGroupInFlight(1, "lamp");

        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT count(*) FROM item").query(Long.class).single();
            writes.add(INSERT, List.of(2, "desk"), PendingWrites.Failure.UNEXPECTED);
        }), threads);
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsWaitingForTheLock() == 2);
        assertThat(group.queued()).isZero();
        releaseTheTable();

        first.join();
        reading.join();
        assertThat(names()).containsExactly("lamp", "desk");
    }

    @Test
    void when_the_outcome_of_a_group_is_unknown_every_member_fails_and_none_commits_again() throws SQLException {
        CompletableFuture<Void> first = holdTheFirstGroupInFlight(1, "lamp");
        CompletableFuture<Void> second = create(2, "desk");
        CompletableFuture<Void> third = create(3, "chair");
        await().atMost(Duration.ofSeconds(10)).until(() -> group.queued() == 2);
        releaseTheFirstGroupTowardsTheNext();
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsWaitingForTheLock() == 1 && group.queued() == 0);

        try (Statement statement = locker.createStatement()) { // the connection of the group in flight breaks
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database() AND pid <> pg_backend_pid()");
        }
        releaseTheTable();

        first.join();
        // The leader's own rollback on the broken connection fails too: Spring then reports that failure instead.
        assertThatThrownBy(second::join).cause().isInstanceOfAny(DataAccessException.class, TransactionException.class);
        assertThatThrownBy(third::join).cause().isInstanceOfAny(DataAccessException.class, TransactionException.class);
        assertThat(names()).containsExactly("lamp");
    }

    /** Starts a transaction writing one row, whose commit waits for a lock that this test holds on the table. */
    private CompletableFuture<Void> holdTheFirstGroupInFlight(int id, String name) throws SQLException {
        locker = connect();
        locker.setAutoCommit(false);
        try (Statement statement = locker.createStatement()) {
            statement.execute("LOCK TABLE item IN SHARE ROW EXCLUSIVE MODE");
        }
        CompletableFuture<Void> first = create(id, name);
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsWaitingForTheLock() == 1);
        return first;
    }

    /**
     * Lets the first group commit and holds the next one: the lock is taken again by a session that queues
     * behind the group in flight, before the next group's insert.
     */
    private void releaseTheFirstGroupTowardsTheNext() throws SQLException {
        Connection next = connect();
        next.setAutoCommit(false);
        CompletableFuture<Void> relock = CompletableFuture.runAsync(() -> {
            try (Statement statement = next.createStatement()) {
                statement.execute("LOCK TABLE item IN SHARE ROW EXCLUSIVE MODE");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsWaitingForTheLock() == 2);
        locker.close();
        relock.join();
        locker = next;
    }

    private CompletableFuture<Void> create(int id, String name) {
        return CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status ->
                writes.add(INSERT, List.of(id, name), failure -> PendingWrites.violates(failure, "item_name_key")
                        ? new IllegalArgumentException("The name " + name + " is taken") : null)), threads);
    }

    private int sessionsWaitingForTheLock() throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND datname = current_database()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(ENDPOINT.jdbcUrl(), ENDPOINT.username(), ENDPOINT.password());
    }

    private List<String> names() {
        return jdbc.sql("SELECT name FROM item ORDER BY id").query(String.class).list();
    }
}
