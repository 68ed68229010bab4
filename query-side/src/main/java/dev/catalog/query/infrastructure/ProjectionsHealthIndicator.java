package dev.catalog.query.infrastructure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the projections, shown by the actuator as component {@code projections}.
 *
 * <p>Per processing group it reports {@code running}, {@code error} (the processor is retrying a
 * failed batch), {@code replaying}, the number of claimed {@code segments} on this instance,
 * and the group's {@code deadLetters} and {@code deadLetterSequences}.
 *
 * <p>Status: DOWN when a projection's processor is missing, not running or in error, because
 * the views it writes fall behind. Dead letters alone leave it UP (the other aggregates are
 * current) with a {@code warning} detail: an operator must look at them.
 */
@Component("projectionsHealthIndicator")
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    public ProjectionsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        boolean up = true;
        long deadLetters = 0;
        Map<String, Object> groups = new LinkedHashMap<>();
        for (String group : ProjectionGroups.ALL) {
            Map<String, Object> details = new LinkedHashMap<>();
            var processor = processing.eventProcessor(group, StreamingEventProcessor.class);
            if (processor.isEmpty()) {
                details.put("running", false);
                details.put("error", "no event processor named " + group);
                up = false;
            } else {
                StreamingEventProcessor p = processor.get();
                details.put("running", p.isRunning());
                details.put("error", p.isError());
                details.put("replaying", p.isReplaying());
                details.put("segments", p.processingStatus().size());
                up &= p.isRunning() && !p.isError();
            }
            var queue = processing.deadLetterQueue(group);
            if (queue.isPresent()) {
                long letters = queue.get().size();
                details.put("deadLetters", letters);
                details.put("deadLetterSequences", queue.get().amountOfSequences());
                deadLetters += letters;
            }
            groups.put(group, details);
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
