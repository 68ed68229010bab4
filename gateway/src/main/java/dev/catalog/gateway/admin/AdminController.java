package dev.catalog.gateway.admin;

import dev.catalog.gateway.security.RequiresAdmin;
import dev.catalog.query.infrastructure.DeadLetterRetrier;
import dev.catalog.query.infrastructure.ProcessorStatuses;
import java.util.List;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Administrative operations on this instance's event processors: the inline view projections and the
 * asynchronous processors with their dead letters. Both need scope {@code catalog:admin}; the mutation sends
 * no command.
 */
@Controller
public class AdminController {

    private final ProcessorStatuses statuses;
    private final DeadLetterRetrier retrier;

    public AdminController(ProcessorStatuses statuses, DeadLetterRetrier retrier) {
        this.statuses = statuses;
        this.retrier = retrier;
    }

    @QueryMapping
    @RequiresAdmin
    public List<Projection> projections() {
        return statuses.all().stream().map(Projection::of).toList();
    }

    /**
     * One retry round now, on the request's thread. The periodic retrier, or another instance, may run a round
     * alongside: the queue claims each sequence for one of them, so {@code recovered} counts this round's only.
     */
    @MutationMapping
    @RequiresAdmin
    public DeadLetterRetry retryDeadLetters() {
        int recovered = retrier.retryAll();
        return new DeadLetterRetry(recovered, projections());
    }
}
