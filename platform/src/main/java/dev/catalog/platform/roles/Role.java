package dev.catalog.platform.roles;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A part of the service an instance may run ({@link InstanceRoles}). */
public enum Role {

    /** Serves the GraphQL API (HTTP, subgraphs, subscriptions) and handles the commands it sends. */
    API,
    /** Claims segments of the asynchronous event processors (the image cascade, the Kafka publisher) and retries their dead letters. */
    PROCESSORS;

    /** How it is written in {@code CATALOG_ROLES}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }
}
