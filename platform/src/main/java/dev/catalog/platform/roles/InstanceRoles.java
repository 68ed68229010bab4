package dev.catalog.platform.roles;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which parts of the service this instance runs, from {@code catalog.roles} ({@code CATALOG_ROLES}): a
 * comma-separated list of {@code api} and {@code processors}; both when unset. An instance without {@code api}
 * serves the management endpoints only; one without {@code processors} claims no segment of an asynchronous
 * processor. Every instance handles commands and keeps the inline views, whatever its roles.
 */
public record InstanceRoles(Set<Role> roles) {

    public static final String PROPERTY = "catalog.roles";

    public InstanceRoles {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " (CATALOG_ROLES) names no role: give api, processors or both");
        }
        roles = Set.copyOf(roles);
    }

    public static InstanceRoles all() {
        return new InstanceRoles(EnumSet.allOf(Role.class));
    }

    /** Parses the property's value; null or blank means every role. */
    public static InstanceRoles parse(String value) {
        if (value == null || value.isBlank()) {
            return all();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String label : value.split(",")) {
            String trimmed = label.strip().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            roles.add(Role.of(trimmed).orElseThrow(() -> new IllegalArgumentException(
                    PROPERTY + " (CATALOG_ROLES) names an unknown role '" + label.strip() + "': the roles are "
                            + Arrays.stream(Role.values()).map(Role::label).collect(Collectors.joining(", "))
                            + " (comma-separated; every role when unset)")));
        }
        return new InstanceRoles(roles);
    }

    public boolean servesApi() {
        return roles.contains(Role.API);
    }

    public boolean runsProcessors() {
        return roles.contains(Role.PROCESSORS);
    }

    public boolean isAll() {
        return roles.containsAll(EnumSet.allOf(Role.class));
    }

    /** The labels in declaration order, as {@code CATALOG_ROLES} takes them: {@code api,processors}. */
    @Override
    public String toString() {
        return Arrays.stream(Role.values()).filter(roles::contains).map(Role::label).collect(Collectors.joining(","));
    }
}
