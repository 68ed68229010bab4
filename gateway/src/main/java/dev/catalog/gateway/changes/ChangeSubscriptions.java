package dev.catalog.gateway.changes;

import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.query.changes.ChangeFeed;
import dev.catalog.query.changes.ImageChange;
import dev.catalog.query.changes.InvalidResumeException;
import dev.catalog.query.changes.ProductChange;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

/** {@code productChanged} and {@code imageChanged}: the change feed, with its refusals as the API's errors. */
@Controller
public class ChangeSubscriptions {

    private final ObjectProvider<ChangeFeed> feed;

    /** @param feed absent in an application without the query side's change feed */
    public ChangeSubscriptions(ObjectProvider<ChangeFeed> feed) {
        this.feed = feed;
    }

    @SubscriptionMapping
    public Flux<ProductChange> productChanged(@Argument Integer id, @Argument Integer afterVersion,
                                              @Argument String resumeAfter) {
        return refusingBadInput(afterVersion != null ? "afterVersion" : "resumeAfter", () -> feed()
                .products(id == null ? null : id.longValue(), afterVersion == null ? null : afterVersion.longValue(),
                        resumeAfter));
    }

    @SubscriptionMapping
    public Flux<ImageChange> imageChanged(@Argument Integer productId, @Argument String resumeAfter) {
        return refusingBadInput("resumeAfter",
                () -> feed().images(productId == null ? null : productId.longValue(), resumeAfter));
    }

    private ChangeFeed feed() {
        ChangeFeed changes = feed.getIfAvailable();
        if (changes == null) {
            throw new UnsupportedOperationException("Subscriptions need the change feed, which this instance lacks.");
        }
        return changes;
    }

    private static <T> Flux<T> refusingBadInput(String argument, Supplier<Flux<T>> subscription) {
        try {
            return subscription.get();
        } catch (InvalidResumeException e) {
            throw new BadUserInputException(argument, e.getMessage());
        }
    }
}
