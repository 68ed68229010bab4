package dev.catalog.platform.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Pending writes on the application's own DataSource, over a real PostgreSQL. */
class PendingWritesTest {

    private static final DatabaseEndpoint ENDPOINT = TestDatabase.createDatabase("pending_writes");
    private static final int POOL_SIZE = 4;
    private static final WorkloadRoutingDataSource DATA_SOURCE = TestPools.routing(ENDPOINT, POOL_SIZE, false);
    private static final String INSERT = "INSERT INTO item (id, name) VALUES (?, ?)";

    private final JdbcClient jdbc = JdbcClient.create(DATA_SOURCE);
    private final PendingWrites writes = new PendingWrites(DATA_SOURCE);
    private final TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));

    @BeforeEach
    void createTable() {
        jdbc.sql("DROP TABLE IF EXISTS item").update();
        jdbc.sql("CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL CONSTRAINT item_name_key UNIQUE)").update();
    }

    @AfterAll
    static void closePools() {
        DATA_SOURCE.destroy();
    }

    @Test
    void writes_of_a_transaction_are_stored_when_it_commits_and_the_connection_goes_on_working() {
        transaction.executeWithoutResult(status -> {
            writes.add(INSERT, List.of(1, "lamp"), PendingWrites.Failure.UNEXPECTED);
            writes.add(INSERT, List.of(2, "desk"), PendingWrites.Failure.UNEXPECTED);
        });
        transaction.executeWithoutResult(status -> writes.add(INSERT, List.of(3, "chair"), PendingWrites.Failure.UNEXPECTED));

        assertThat(names()).containsExactly("lamp", "desk", "chair");
    }

    @Test
    void a_failing_write_fails_the_commit_not_the_add_and_nothing_of_the_transaction_is_stored() {
        jdbc.sql("INSERT INTO item VALUES (1, 'lamp')").update();
        boolean[] addReturned = {false};

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            writes.add(INSERT, List.of(2, "desk"), PendingWrites.Failure.UNEXPECTED);
            writes.add(INSERT, List.of(3, "lamp"), PendingWrites.Failure.UNEXPECTED);
            addReturned[0] = true;
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(addReturned[0]).isTrue();
        assertThat(names()).containsExactly("lamp");
    }

    @Test
    void the_failure_is_reported_by_the_first_write_that_recognises_it() {
        jdbc.sql("INSERT INTO item VALUES (1, 'lamp')").update();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            writes.add(INSERT, List.of(2, "desk"), failure -> null);
            writes.add(INSERT, List.of(3, "lamp"), failure -> PendingWrites.violates(failure, "item_name_key")
                    ? new IllegalArgumentException("The name lamp is taken") : null);
            writes.add(INSERT, List.of(4, "chair"), failure -> new IllegalStateException("not this one"));
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("The name lamp is taken");

        assertThat(names()).containsExactly("lamp");
    }

    @Test
    void a_statement_in_the_same_transaction_sees_the_writes_pending_before_it() {
        Long seen = transaction.execute(status -> {
            writes.add(INSERT, List.of(1, "lamp"), PendingWrites.Failure.UNEXPECTED);
            writes.add("UPDATE item SET name = ? WHERE id = ?", List.of("desk lamp", 1), PendingWrites.Failure.UNEXPECTED);
            return jdbc.sql("SELECT count(*) FROM item WHERE name = 'desk lamp'").query(Long.class).single();
        });

        assertThat(seen).isEqualTo(1);
        assertThat(names()).containsExactly("desk lamp");
    }

    @Test
    void a_rollback_drops_the_pending_writes() {
        transaction.executeWithoutResult(status -> {
            writes.add(INSERT, List.of(1, "lamp"), PendingWrites.Failure.UNEXPECTED);
            status.setRollbackOnly();
        });

        assertThat(names()).isEmpty();
    }

    @Test
    void rolling_back_to_a_savepoint_drops_only_the_writes_made_after_it() {
        TransactionTemplate nested = new TransactionTemplate(transaction.getTransactionManager());
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        transaction.executeWithoutResult(outer -> {
            writes.add(INSERT, List.of(1, "lamp"), PendingWrites.Failure.UNEXPECTED);
            nested.executeWithoutResult(inner -> {
                writes.add(INSERT, List.of(2, "desk"), PendingWrites.Failure.UNEXPECTED);
                inner.setRollbackOnly();
            });
            writes.add(INSERT, List.of(3, "chair"), PendingWrites.Failure.UNEXPECTED);
        });

        assertThat(names()).containsExactly("lamp", "chair");
    }

    @Test
    void many_writes_in_one_transaction_are_all_stored_in_the_order_they_were_made() {
        int count = WriteBehindConnection.MAX_PER_MESSAGE * 3 + 5;
        transaction.executeWithoutResult(status -> {
            writes.add(INSERT, List.of(0, "item-0"), PendingWrites.Failure.UNEXPECTED);
            for (int i = 1; i < count; i++) {
                // Each update needs the row the previous write inserted: order across messages matters.
                writes.add("UPDATE item SET name = ? WHERE id = ?", List.of("item-" + i, i - 1), PendingWrites.Failure.UNEXPECTED);
                writes.add(INSERT, List.of(i, "new-" + i), PendingWrites.Failure.UNEXPECTED);
            }
        });

        assertThat(names()).containsExactlyElementsOf(IntStream.range(0, count)
                .mapToObj(i -> i == count - 1 ? "new-" + i : "item-" + (i + 1)).toList());
    }

    @Test
    void a_transaction_takes_a_pooled_connection_only_when_it_first_needs_the_server() {
        int[] inUse = new int[3];
        transaction.executeWithoutResult(status -> {
            writes.add(INSERT, List.of(1, "lamp"), PendingWrites.Failure.UNEXPECTED);
            inUse[0] = TestPools.writeConnectionsInUse(DATA_SOURCE);
            jdbc.sql("SELECT count(*) FROM item").query(Long.class).single();
            inUse[1] = TestPools.writeConnectionsInUse(DATA_SOURCE);
        });
        inUse[2] = TestPools.writeConnectionsInUse(DATA_SOURCE);

        assertThat(inUse).containsExactly(0, 1, 0);
        assertThat(names()).containsExactly("lamp");
    }

    @Test
    void more_transactions_than_the_pool_has_connections_may_add_writes_at_once() throws Exception {
        int transactions = POOL_SIZE * 2;
        CountDownLatch allAdded = new CountDownLatch(transactions);
        ExecutorService threads = Executors.newFixedThreadPool(transactions);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int id = 1; id <= transactions; id++) {
                int item = id;
                results.add(threads.submit(() -> transaction.execute(status -> {
                    writes.add(INSERT, List.of(item, "item " + item), PendingWrites.Failure.UNEXPECTED);
                    allAdded.countDown();
                    return await(allAdded); // every transaction is open here at once, before any commits
                })));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).as("all transactions open at once").isTrue();
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(names()).hasSize(transactions);
    }

    @Test
    void outside_a_transaction_a_write_runs_at_once_and_fails_at_once() {
        writes.add(INSERT, List.of(1, "lamp"), PendingWrites.Failure.UNEXPECTED);
        assertThat(names()).containsExactly("lamp");

        assertThatThrownBy(() -> writes.add(INSERT, List.of(2, "lamp"), failure ->
                PendingWrites.violates(failure, "item_name_key") ? new IllegalArgumentException("taken") : null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("taken");
        assertThat(names()).containsExactly("lamp");
    }

    @Test
    void a_null_parameter_is_written_as_sql_null() {
        jdbc.sql("ALTER TABLE item ALTER COLUMN name DROP NOT NULL").update();
        transaction.executeWithoutResult(status -> writes.add(INSERT, java.util.Arrays.asList(1, null),
                PendingWrites.Failure.UNEXPECTED));

        assertThat(jdbc.sql("SELECT count(*) FROM item WHERE name IS NULL").query(Long.class).single()).isEqualTo(1);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> names() {
        return jdbc.sql("SELECT name FROM item ORDER BY id").query(String.class).list();
    }
}
