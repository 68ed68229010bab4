package dev.catalog.query.infrastructure;

import dev.catalog.events.product.ProductCreatedEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Test-only handler in the product-view group: fails on the creation of a product whose name a
 * test has poisoned, until the test lifts the poison. Simulates a bug that a fix (here: clearing
 * the switch) resolves, so the dead letter can be retried successfully.
 */
@Component
@ProcessingGroup(ProjectionGroups.PRODUCT_VIEW)
public class PoisonSwitch {

    static final Set<String> POISONED_NAMES = ConcurrentHashMap.newKeySet();

    @EventHandler
    void on(ProductCreatedEvent event) {
        if (POISONED_NAMES.contains(event.name())) {
            throw new IllegalStateException("Test poison: refusing to project " + event.name());
        }
    }
}
