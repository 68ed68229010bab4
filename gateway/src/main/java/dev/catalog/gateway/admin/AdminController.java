package dev.catalog.gateway.admin;

import dev.catalog.gateway.security.RequiresAdmin;
import dev.catalog.query.infrastructure.DeadLetterRetrier;
import dev.catalog.query.infrastructure.ProjectionStatuses;
import java.util.List;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * Administrative operations on this instance's projections. Both need scope {@code catalog:admin}; the
 * mutation sends no command, so it neither waits for the views nor reports a pending one.
 */
@Controller
public class AdminController {

    private final ProjectionStatuses statuses;
    private final DeadLetterRetrier retrier;

    public AdminController(ProjectionStatuses statuses, DeadLetterRetrier retrier) {
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
