package dev.catalog.command.product;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.events.product.UpdateProductCommand;
import java.math.BigDecimal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A product, event sourced. The command handlers validate and then apply an event; state changes
 * only in the {@code @EventSourcingHandler}s.
 *
 * <p>What callers get back: creation returns the new {@link ProductId}; update and delete return the
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
    private long version;

    /** Required by Axon to rebuild the product from its events. */
    protected Product() {
    }

    @CommandHandler
    public Product(CreateProductCommand command, ProductNames names) {
        String name = ProductRules.name(command.name());
        BigDecimal price = ProductRules.price(command.price());
        var status = ProductRules.status(command.status());
        ProductId id = names.claimNew(name);
        apply(new ProductCreatedEvent(id, name, price, status));
    }

    @CommandHandler
    public Long handle(UpdateProductCommand command, ProductNames names) {
        requireVersion(command.expectedVersion());
        String name = ProductRules.name(command.name());
        BigDecimal price = ProductRules.price(command.price());
        var status = ProductRules.status(command.status());
        names.claim(productId, name);
        apply(new ProductUpdatedEvent(productId, name, price, status));
        return version;
    }

    @CommandHandler
    public Long handle(DeleteProductCommand command, ProductNames names) {
        requireVersion(command.expectedVersion());
        names.release(productId);
        apply(new ProductDeletedEvent(productId));
        return version;
    }

    @EventSourcingHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequenceNumber) {
        productId = event.productId();
        version = sequenceNumber + 1;
    }

    @EventSourcingHandler
    void on(ProductUpdatedEvent event, @SequenceNumber long sequenceNumber) {
        // Name, price and status are not kept: no rule of this aggregate reads them back.
        version = sequenceNumber + 1;
    }

    @EventSourcingHandler
    void on(ProductDeletedEvent event, @SequenceNumber long sequenceNumber) {
        version = sequenceNumber + 1;
        markDeleted();
    }

    private void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw CommandRejectedException.conflict("expectedVersion", "The product was changed meanwhile: expected version "
                    + expectedVersion + " but product " + productId.value() + " is at version " + version + ".");
        }
    }
}
