package dev.catalog.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.platform.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class SequenceBlockTest {

    private static final DataSource DATABASE = TestDatabase.migratedDatabase("sequence_block_test", TestDatabase.COMMAND_MIGRATIONS);

    private final JdbcClient jdbc = JdbcClient.create(DATABASE);

    @Test
    void one_instance_hands_out_increasing_ids_taking_a_block_of_the_sequence_at_a_time() {
        long first = nextValue();
        SequenceBlock ids = new SequenceBlock(DATABASE, "product_id_seq");

        List<Long> handedOut = new ArrayList<>();
        for (int i = 0; i < SequenceBlock.SIZE + 1; i++) {
            handedOut.add(ids.next());
        }

        assertThat(handedOut).isSorted().doesNotHaveDuplicates();
        assertThat(handedOut.getFirst()).isEqualTo(first);
        assertThat(nextValue()).isEqualTo(first + 2L * SequenceBlock.SIZE);
    }

    @Test
    void two_instances_never_hand_out_the_same_id() {
        SequenceBlock a = new SequenceBlock(DATABASE, "image_id_seq");
        SequenceBlock b = new SequenceBlock(DATABASE, "image_id_seq");

        var seen = new HashSet<Long>();
        for (int i = 0; i < 3 * SequenceBlock.SIZE; i++) {
            assertThat(seen.add(a.next())).isTrue();
            assertThat(seen.add(b.next())).isTrue();
        }
    }

    @Test
    void after_forget_the_next_id_comes_from_where_the_sequence_is_now() {
        SequenceBlock ids = new SequenceBlock(DATABASE, "product_id_seq");
        ids.next();
        jdbc.sql("SELECT setval('product_id_seq', (SELECT last_value FROM product_id_seq) + 1000)").query().singleRow();
        long moved = nextValue();

        ids.forget();

        assertThat(ids.next()).isEqualTo(moved);
    }

    /** The value nextval would give now, without taking it. */
    private long nextValue() {
        return jdbc.sql("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM product_id_seq")
                .query(Long.class).single();
    }
}
