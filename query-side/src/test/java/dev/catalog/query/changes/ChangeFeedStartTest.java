package dev.catalog.query.changes;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.query.Await;
import dev.catalog.query.Events;
import dev.catalog.query.QuerySideTestApplication;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.Disposable;

/** Where a new subscriber starts, against the feed's reader handing changes to the subscribers already there. */
@SpringBootTest(classes = QuerySideTestApplication.class)
class ChangeFeedStartTest {

    @Autowired
    ChangeFeed feed;
    @Autowired
    Events events;

    private final List<Disposable> subscriptions = new CopyOnWriteArrayList<>();

    @AfterEach
    void unsubscribe() {
        feed.startTaken = () -> { };
        subscriptions.forEach(Disposable::dispose);
    }

    @Test
    void a_subscriber_whose_start_was_taken_just_before_a_change_committed_receives_that_change() {
        List<ProductChange> early = subscribe();
        long warmUp = events.createProduct("Warm-up " + System.nanoTime(), "1.00", ACTIVE);
        Await.until("the first subscriber is live", () -> ids(early).contains(warmUp));

        // Between the newcomer's start and its registration a change commits, and the reader gets the chance to
        // hand it out: it does so at once unless the newcomer holds it off until registered.
        AtomicLong racing = new AtomicLong();
        feed.startTaken = () -> {
            feed.startTaken = () -> { };
            racing.set(events.createProduct("Racing " + System.nanoTime(), "2.00", ACTIVE));
            Await.until("the reader handed out the racing change or waits to", () ->
                    ids(early).contains(racing.get()) || readerBlocked());
        };
        List<ProductChange> newcomer = subscribe();
        long after = events.createProduct("After " + System.nanoTime(), "3.00", ACTIVE);
        Await.until("the newcomer received the change after", () -> ids(newcomer).contains(after));

        assertThat(ids(newcomer)).as("the change committed after its start").containsExactly(racing.get(), after);
        assertThat(ids(early)).containsSubsequence(warmUp, racing.get(), after);
    }

    private List<ProductChange> subscribe() {
        List<ProductChange> received = new CopyOnWriteArrayList<>();
        subscriptions.add(feed.products(null, null, null).subscribe(received::add));
        return received;
    }

    private static List<Long> ids(List<ProductChange> changes) {
        return changes.stream().map(ProductChange::id).toList();
    }

    /** Whether the feed's reader waits for the lock a subscriber holds. */
    private static boolean readerBlocked() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("change-feed") && thread.getState() == Thread.State.BLOCKED);
    }
}
