package dev.catalog.command.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.common.EventTimes;
import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductState;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.events.product.UpdateProductCommand;
import java.math.BigDecimal;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A product, event sourced. The command handlers validate and then apply an event; state changes
 * only in the {@code @EventSourcingHandler}s.
 *
 * <p>What callers get back: creation and update return the product as the command left it
 * ({@link ProductState}), so that the caller answers without reading the product back; delete returns the
 * product's version after the command ({@code Long}). The version is the sequence number of the
 * product's last event plus one, so a new product is at version 1. A command whose
 * {@code expectedVersion} is set and differs is refused ({@code CONFLICT}, field
 * {@code "expectedVersion"}). Once deleted, a product cannot be loaded again: commands to it fail
 * with Axon's {@code org.axonframework.eventsourcing.AggregateDeletedException} (a product that never existed: its
 * {@code AggregateNotFoundException}).
 *
 * <p>An update that changes nothing still applies a {@link ProductUpdatedEvent} and bumps the
 * version: the simplest rule to explain, and it keeps "update returns the new version" true.
 */
@Aggregate
public class Product {

    @AggregateIdentifier
    private ProductId productId;
    private String name;
    private BigDecimal price;
    private ProductStatus status;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    /** Required by Axon to rebuild the product from its events. */
    protected Product() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public ProductState handle(CreateProductCommand command, ProductNames names) {
        String name = ProductRules.name(command.name());
        BigDecimal price = ProductRules.price(command.price());
        var status = ProductRules.status(command.status());
        ProductId id = names.claimNew(name);
        apply(new ProductCreatedEvent(id, name, price, status));
        return state();
    }

    @CommandHandler
    public ProductState handle(UpdateProductCommand command, ProductNames names) {
        requireVersion(command.expectedVersion());
        String name = ProductRules.name(command.name());
        BigDecimal price = ProductRules.price(command.price());
        var status = ProductRules.status(command.status());
        names.claim(productId, name);
        apply(new ProductUpdatedEvent(productId, name, price, status));
        return state();
    }

    @CommandHandler
    public Long handle(DeleteProductCommand command, ProductNames names) {
        requireVersion(command.expectedVersion());
        names.release(productId);
        apply(new ProductDeletedEvent(productId));
        return version;
    }

    @EventSourcingHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        productId = event.productId();
        createdAt = EventTimes.stored(timestamp);
        changed(event.name(), event.price(), event.status(), sequenceNumber, timestamp);
    }

    @EventSourcingHandler
    void on(ProductUpdatedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant timestamp) {
        changed(event.name(), event.price(), event.status(), sequenceNumber, timestamp);
    }

    @EventSourcingHandler
    void on(ProductDeletedEvent event, @SequenceNumber long sequenceNumber) {
        version = sequenceNumber + 1;
        markDeleted();
    }

    private void changed(String name, BigDecimal price, ProductStatus status, long sequenceNumber, Instant timestamp) {
        this.name = name;
        this.price = price;
        this.status = status;
        version = sequenceNumber + 1;
        updatedAt = EventTimes.stored(timestamp);
    }

    private ProductState state() {
        return new ProductState(productId, name, price, status, version, createdAt, updatedAt);
    }

    private void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw CommandRejectedException.conflict("expectedVersion", "The product was changed meanwhile: expected version "
                    + expectedVersion + " but product " + productId.value() + " is at version " + version + ".");
        }
    }
}
