package dev.catalog.gateway;

import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.query.infrastructure.ProjectionGroups;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;

/**
 * Test-only failing event handlers, imported by {@link ApiTest}: they fail on the events a test has poisoned
 * until it lifts the poison, simulating a bug that a fix resolves. Inert when nothing is poisoned.
 */
public final class ProjectionPoison {

    private static final Set<String> POISONED_NAMES = ConcurrentHashMap.newKeySet();
    private static final Set<Long> POISONED_DELETIONS = ConcurrentHashMap.newKeySet();

    private ProjectionPoison() {
    }

    /** The product view's projection (inline) fails on the creation of a product with this name. */
    public static void poisonCreation(String productName) {
        POISONED_NAMES.add(productName);
    }

    /** The product-image cascade (asynchronous) fails on the deletion of this product. */
    public static void poisonCascade(long productId) {
        POISONED_DELETIONS.add(productId);
    }

    public static void liftAll() {
        POISONED_NAMES.clear();
        POISONED_DELETIONS.clear();
    }

    /** In the product view's processing group. */
    @TestComponent
    @ProcessingGroup(ProjectionGroups.PRODUCT_VIEW)
    public static class InView {
        @EventHandler
        void on(ProductCreatedEvent event) {
            if (POISONED_NAMES.contains(event.name())) {
                throw new IllegalStateException("Test poison: refusing to project " + event.name());
            }
        }
    }

    /** In the product-image cascade's processing group (named as the command side names it). */
    @TestComponent
    @ProcessingGroup("product-image-cascade")
    public static class InCascade {
        @EventHandler
        void on(ProductDeletedEvent event) {
            if (POISONED_DELETIONS.contains(event.productId().value())) {
                throw new IllegalStateException("Test poison: refusing to cascade the deletion of " + event.productId());
            }
        }
    }
}
