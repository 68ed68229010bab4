package dev.catalog.events.image;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Delete an image. {@code expectedVersion}, when given, must equal the current version. */
public record DeleteImageCommand(@TargetAggregateIdentifier ImageId imageId, Long expectedVersion) {
}
