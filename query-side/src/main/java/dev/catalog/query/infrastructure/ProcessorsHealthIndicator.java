package dev.catalog.query.infrastructure;

import dev.catalog.platform.processing.ProcessingProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * asynchronous processor keeps (the image cascade), fall behind. OUT_OF_SERVICE when an asynchronous processor is
 * more than {@code catalog.processing.readiness-max-lag} events behind on this instance, unless it replays on purpose.
 * Either takes the instance out of readiness ({@code /actuator/health/readiness} includes this component). Dead
 * letters alone leave it UP (the other aggregates are current) with a {@code warning} detail: an operator must
 * look at them.
 */
@Component("processorsHealthIndicator")
public class ProcessorsHealthIndicator implements HealthIndicator {

    private final ProcessorStatuses statuses;
    private final ProcessingProperties properties;

    public ProcessorsHealthIndicator(ProcessorStatuses statuses, ProcessingProperties properties) {
        this.statuses = statuses;
        this.properties = properties;
    }

    @Override
    public Health health() {
        return of(statuses.all(), properties.readinessMaxLag());
    }

    /** The health of these processors, when {@code maxLag} events behind is too far. */
    static Health of(List<ProcessorStatus> statuses, long maxLag) {
        boolean up = true;
        List<String> behind = new ArrayList<>();
        long deadLetters = 0;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (ProcessorStatus status : statuses) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("inline", status.inline());
            details.put("running", status.running());
            details.put("error", status.error());
            if (!status.inline()) {
                details.put("replaying", status.replaying());
                details.put("catchingUp", status.catchingUp());
                details.put("segments", status.segments());
                details.put("deadLetters", status.deadLetters());
                details.put("deadLetterSequences", status.deadLetterSequences());
                if (status.lag() != null) {
                    details.put("lag", status.lag());
                }
            }
            up &= status.running() && !status.error();
            if (!status.inline() && !status.replaying() && status.lag() != null
                    && status.lag() > maxLag) {
                behind.add(status.name() + " (" + status.lag() + " events)");
            }
            deadLetters += status.deadLetters();
            processors.put(status.name(), details);
        }
        for (String view : ProjectionGroups.ALL) {
            if (!processors.containsKey(view)) {
                processors.put(view, Map.of("running", false, "error", "no event processor named " + view));
                up = false;
            }
        }
        Health.Builder health = !up ? Health.down() : behind.isEmpty() ? Health.up() : Health.outOfService();
        health.withDetails(processors);
        if (!behind.isEmpty()) {
            health.withDetail("behind", "more than " + maxLag + " events behind the store: "
                    + String.join(", ", behind));
        }
        if (deadLetters > 0) {
            health.withDetail("warning", deadLetters + " dead-lettered event(s): what their processors keep is stale "
                    + "for their aggregates until the dead letters are processed");
        }
        return health.build();
    }
}
