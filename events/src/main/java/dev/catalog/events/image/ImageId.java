package dev.catalog.events.image;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An image's identity: a positive integer allocated by the command side.
 *
 * <p>{@link #toString()} is the Axon aggregate identifier ({@code image-7}).
 */
public record ImageId(@JsonValue long value) {

    public ImageId {
        if (value <= 0) {
            throw new IllegalArgumentException("An image id is a positive integer, got " + value);
        }
    }

    @JsonCreator
    public static ImageId of(long value) {
        return new ImageId(value);
    }

    @Override
    public String toString() {
        return "image-" + value;
    }
}
