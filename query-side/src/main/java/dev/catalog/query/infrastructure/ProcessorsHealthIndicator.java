package dev.catalog.query.infrastructure;

import dev.catalog.platform.processing.ProcessingProperties;
import dev.catalog.platform.processing.ProcessorLagLimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the event processors, shown by the actuator as component {@code processors}: per processor
 * whether it is {@code inline}, {@code running}, in {@code error}, {@code replaying}, its claimed
 * {@code segments}, its {@code deadLetters} and {@code deadLetterSequences}, its {@code lag} on this instance
 * ({@link ProcessorStatuses}) and the {@code readinessMaxLag} that applies to it.
 *
 * <p>DOWN when a view projection is missing, or any processor is stopped or in error: the views, or what an
 * asynchronous processor keeps (the image cascade), fall behind. OUT_OF_SERVICE when an asynchronous processor is
 * further behind on this instance than its {@code readinessMaxLag}, unless it replays on purpose: the limit a
 * {@link ProcessorLagLimit} bean declares for it (the Kafka publisher's, none by default, so a Kafka outage never
 * takes the instance out), else {@code catalog.processing.readiness-max-lag}.
 * Either takes the instance out of readiness ({@code /actuator/health/readiness} includes this component). Dead
 * letters alone leave it UP (the other aggregates are current) with a {@code warning} detail: an operator must
 * look at them.
 */
@Component("processorsHealthIndicator")
public class ProcessorsHealthIndicator implements HealthIndicator {

    private final ProcessorStatuses statuses;
    private final Function<String, OptionalLong> maxLag;

    public ProcessorsHealthIndicator(ProcessorStatuses statuses, ProcessingProperties properties,
                                     ObjectProvider<ProcessorLagLimit> limits) {
        this.statuses = statuses;
        this.maxLag = maxLag(properties, limits.stream().toList());
    }

    /** Each processor's limit: its own when a module declares one, else the general one. */
    static Function<String, OptionalLong> maxLag(ProcessingProperties properties, List<ProcessorLagLimit> limits) {
        Map<String, OptionalLong> own = limits.stream()
                .collect(Collectors.toMap(ProcessorLagLimit::processor, ProcessorLagLimit::maxLag));
        OptionalLong general = OptionalLong.of(properties.readinessMaxLag());
        return processor -> own.getOrDefault(processor, general);
    }

    @Override
    public Health health() {
        return of(statuses.all(), maxLag);
    }

    /** The health of these processors, each asynchronous one allowed {@code maxLag} of its name (empty: any lag). */
    static Health of(List<ProcessorStatus> statuses, Function<String, OptionalLong> maxLag) {
        boolean up = true;
        List<String> behind = new ArrayList<>();
        long deadLetters = 0;
        Map<String, Object> processors = new LinkedHashMap<>();
        for (ProcessorStatus status : statuses) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("inline", status.inline());
            details.put("running", status.running());
            details.put("error", status.error());
            OptionalLong limit = maxLag.apply(status.name());
            if (!status.inline()) {
                details.put("readinessMaxLag", limit.isPresent() ? limit.getAsLong() : "none");
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
                    && limit.isPresent() && status.lag() > limit.getAsLong()) {
                behind.add(status.name() + " (" + status.lag() + " events, at most " + limit.getAsLong() + ")");
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
            health.withDetail("behind", "further behind the store than allowed: " + String.join(", ", behind));
        }
        if (deadLetters > 0) {
            health.withDetail("warning", deadLetters + " dead-lettered event(s): what their processors keep is stale "
                    + "for their aggregates until the dead letters are processed");
        }
        return health.build();
    }
}
