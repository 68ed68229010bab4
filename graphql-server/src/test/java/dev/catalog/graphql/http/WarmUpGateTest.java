package dev.catalog.graphql.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WarmUpGateTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong compilationMillis = new AtomicLong();
    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void stopRequests() {
        requests.shutdownNow();
    }

    private WarmUpGate gate(int concurrency, Duration maxDuration, Duration maxWait) {
        return new WarmUpGate(concurrency, maxDuration, maxWait, compilationMillis::get, clock::get);
    }

    /** One second passes with one request served, the compilers busy for {@code busyMillis} of it. */
    private void second(WarmUpGate gate, long busyMillis) throws InterruptedException {
        gate.leave(gate.enter());
        clock.addAndGet(SECOND);
        compilationMillis.addAndGet(busyMillis);
        gate.tick();
    }

    @Test
    void while_warming_up_no_more_requests_run_at_once_than_the_concurrency() throws Exception {
        WarmUpGate gate = gate(2, Duration.ofMinutes(1), Duration.ofMinutes(1));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            done.add(requests.submit(() -> {
                boolean permit = gate.enter();
                try {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    release.await();
                    return permit;
                } finally {
                    running.decrementAndGet();
                    gate.leave(permit);
                }
            }));
        }
        Thread.sleep(300);

        assertThat(running.get()).isEqualTo(2);
        release.countDown();
        for (Future<Boolean> request : done) {
            assertThat(request.get(10, TimeUnit.SECONDS)).as("every request ran with a permit").isTrue();
        }
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }

    @Test
    void it_opens_once_the_compilers_have_been_quiet_for_three_seconds_with_requests() throws Exception {
        WarmUpGate gate = gate(2, Duration.ofMinutes(1), Duration.ofSeconds(1));

        second(gate, 900);
        second(gate, 50);
        second(gate, 50);
        assertThat(gate.isOpen()).isFalse();
        second(gate, 400);
        second(gate, 50);
        second(gate, 50);
        assertThat(gate.isOpen()).as("a busy second starts the count again").isFalse();
        second(gate, 50);

        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.enter()).as("an open gate hands out no permit: there is nothing to wait for").isFalse();
    }

    @Test
    void seconds_without_requests_do_not_count_however_quiet() {
        WarmUpGate gate = gate(2, Duration.ofSeconds(5), Duration.ofSeconds(1));

        for (int i = 0; i < 30; i++) {
            clock.addAndGet(SECOND);
            gate.tick();
        }

        assertThat(gate.isOpen()).as("an idle instance has compiled nothing of the request path yet").isFalse();
    }

    @Test
    void it_opens_after_the_longest_warm_up_even_if_the_compilers_stay_busy() throws Exception {
        WarmUpGate gate = gate(2, Duration.ofSeconds(5), Duration.ofSeconds(1));

        for (int i = 0; i < 4; i++) {
            second(gate, 800);
        }
        assertThat(gate.isOpen()).isFalse();
        second(gate, 800);

        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void a_request_that_waited_its_longest_goes_on_without_a_permit() throws Exception {
        WarmUpGate gate = gate(1, Duration.ofMinutes(1), Duration.ofMillis(100));
        boolean first = gate.enter();

        long started = System.nanoTime();
        boolean second = gate.enter();

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void opening_lets_every_waiting_request_go_on_at_once() throws Exception {
        WarmUpGate gate = gate(1, Duration.ofSeconds(1), Duration.ofMinutes(1));
        boolean holder = gate.enter();
        CountDownLatch waiting = new CountDownLatch(3);
        List<Future<Boolean>> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiters.add(requests.submit(() -> {
                waiting.countDown();
                return gate.enter();
            }));
        }
        waiting.await();
        Thread.sleep(100);

        clock.addAndGet(SECOND);
        gate.tick();

        assertThat(gate.isOpen()).isTrue();
        for (Future<Boolean> waiter : waiters) {
            waiter.get(5, TimeUnit.SECONDS);
        }
        gate.leave(holder);
    }

    @Test
    void a_concurrency_under_one_or_a_negative_duration_is_refused_with_its_value() {
        assertThatThrownBy(() -> gate(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> gate(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> WarmUpFilter.create(-2, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -2");
    }
}
