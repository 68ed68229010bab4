package dev.catalog.command.image;

import dev.catalog.events.image.ImageId;

/** Allocates image ids. Ids are unique for ever; gaps are allowed (ADR 0002). */
public interface ImageIds {

    /** An image id never returned before, also if the calling transaction rolls back. */
    ImageId next();
}
