package dev.catalog.graphql.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClientBucketsTest {

    private final AtomicLong clock = new AtomicLong();

    @Test
    void a_client_gets_its_allowance_per_minute_and_no_more() {
        ClientBuckets buckets = new ClientBuckets(3, 100, clock::get);

        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryConsume("a").isConsumed()).isTrue();
        }
        var refused = buckets.tryConsume("a");

        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1).toNanos());
        assertThat(buckets.tryConsume("b").isConsumed()).isTrue();
    }

    @Test
    void idle_clients_are_forgotten_after_a_minute() {
        ClientBuckets buckets = new ClientBuckets(3, 100, clock::get);
        buckets.tryConsume("a");
        buckets.tryConsume("b");

        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        buckets.tryConsume("c");

        assertThat(buckets.size()).isEqualTo(1);
    }

    @Test
    void a_flood_of_clients_keeps_at_most_the_bound() {
        ClientBuckets buckets = new ClientBuckets(3, 1000, clock::get);

        for (int i = 0; i < 50_000; i++) {
            buckets.tryConsume("client-" + i);
        }

        assertThat(buckets.size()).isEqualTo(1000);
    }
}
