package dev.catalog.query.infrastructure;

import dev.catalog.platform.processing.ProcessingNodes;
import java.util.Arrays;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Which instance answers and what it runs, shown by the actuator as component {@code instance}: its {@code name}
 * (the owner of the segments it claims) and its {@code roles} ({@code CATALOG_ROLES}). Always UP; not part of
 * readiness.
 */
@Component("instanceHealthIndicator")
public class InstanceHealthIndicator implements HealthIndicator {

    private final Health health;

    public InstanceHealthIndicator(ProcessingNodes nodes) {
        this.health = Health.up()
                .withDetail("name", nodes.instance().value())
                .withDetail("roles", Arrays.asList(nodes.roles().toString().split(",")))
                .build();
    }

    @Override
    public Health health() {
        return health;
    }
}
