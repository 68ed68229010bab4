package dev.catalog.gateway;

import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.query.infrastructure.ProjectionGroups;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Test-only handler in the product-view group, imported by {@link ApiTest}: fails on the creation of a
 * product whose name a test has poisoned, until the test lifts the poison. Simulates a bug that a fix
 * resolves, so a real dead letter can be parked and then retried successfully. Ordered before the
 * product view's projection, so the view stays stale while the event is parked. Inert when nothing is
 * poisoned.
 */
@TestComponent
@ProcessingGroup(ProjectionGroups.PRODUCT_VIEW)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProjectionPoison {

    private static final Set<String> POISONED_NAMES = ConcurrentHashMap.newKeySet();

    public static void poison(String productName) {
        POISONED_NAMES.add(productName);
    }

    public static void liftAll() {
        POISONED_NAMES.clear();
    }

    @EventHandler
    void on(ProductCreatedEvent event) {
        if (POISONED_NAMES.contains(event.name())) {
            throw new IllegalStateException("Test poison: refusing to project " + event.name());
        }
    }
}
