package dev.catalog.query.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the projections, shown by the actuator as component {@code projections}.
 *
 * <p>Per processing group it reports {@code running}, {@code error} (the processor is retrying a
 * failed batch), {@code replaying}, the number of claimed {@code segments} on this instance,
 * and the group's {@code deadLetters} and {@code deadLetterSequences}, as {@link ProjectionStatuses} reads them.
 *
 * <p>Status: DOWN when a projection's processor is missing, not running or in error, because
 * the views it writes fall behind. Dead letters alone leave it UP (the other aggregates are
 * current) with a {@code warning} detail: an operator must look at them.
 */
@Component("projectionsHealthIndicator")
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final ProjectionStatuses statuses;

    public ProjectionsHealthIndicator(ProjectionStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Health health() {
        boolean up = true;
        long deadLetters = 0;
        Map<String, Object> groups = new LinkedHashMap<>();
        for (ProjectionStatus status : statuses.all()) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (!status.processorFound()) {
                details.put("running", false);
                details.put("error", "no event processor named " + status.name());
                up = false;
            } else {
                details.put("running", status.running());
                details.put("error", status.error());
                details.put("replaying", status.replaying());
                details.put("segments", status.segments());
                up &= status.running() && !status.error();
            }
            if (status.deadLetterQueueFound()) {
                details.put("deadLetters", status.deadLetters());
                details.put("deadLetterSequences", status.deadLetterSequences());
                deadLetters += status.deadLetters();
            }
            groups.put(status.name(), details);
        }
        Health.Builder health = up ? Health.up() : Health.down();
        health.withDetails(groups);
        if (deadLetters > 0) {
            health.withDetail("warning", deadLetters + " dead-lettered event(s): their aggregates' views are stale "
                    + "until the dead letters are processed");
        }
        return health.build();
    }
}
