package dev.catalog.query.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the event processors, shown by the actuator as component {@code processors}: per processor
 * whether it is {@code inline}, {@code running}, in {@code error}, {@code replaying}, its claimed
 * {@code segments}, its {@code deadLetters} and {@code deadLetterSequences}, and its {@code lag} on this instance
 * ({@link ProcessorStatuses}).
 *
 * <p>DOWN when a view projection is missing, or any processor is stopped or in error: the views, or what an
 * asynchronous processor keeps (the image cascade), fall behind. Dead letters alone leave it UP (the other
 * aggregates are current) with a {@code warning} detail: an operator must look at them.
 */
@Component("processorsHealthIndicator")
public class ProcessorsHealthIndicator implements HealthIndicator {

    private final ProcessorStatuses statuses;

    public ProcessorsHealthIndicator(ProcessorStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Health health() {
        boolean up = true;
        long deadLetters = 0;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (ProcessorStatus status : statuses.all()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("inline", status.inline());
            details.put("running", status.running());
            details.put("error", status.error());
            if (!status.inline()) {
                details.put("replaying", status.replaying());
                details.put("segments", status.segments());
                details.put("deadLetters", status.deadLetters());
                details.put("deadLetterSequences", status.deadLetterSequences());
                if (status.lag() != null) {
                    details.put("lag", status.lag());
                }
            }
            up &= status.running() && !status.error();
            deadLetters += status.deadLetters();
            processors.put(status.name(), details);
        }
        for (String view : ProjectionGroups.ALL) {
            if (!processors.containsKey(view)) {
                processors.put(view, Map.of("running", false, "error", "no event processor named " + view));
                up = false;
            }
        }
        Health.Builder health = up ? Health.up() : Health.down();
        health.withDetails(processors);
        if (deadLetters > 0) {
            health.withDetail("warning", deadLetters + " dead-lettered event(s): what their processors keep is stale "
                    + "for their aggregates until the dead letters are processed");
        }
        return health.build();
    }
}
