package dev.catalog.platform.roles;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * This instance's name among those sharing a database: {@code pid@host} made unique by a random suffix. It is the
 * owner written into the claims of processor segments ({@code tokenentry.owner}) and the key of its heartbeat.
 *
 * <p>Why the suffix: Axon's default, {@code pid@host}, is the same for two instances in one JVM, and for containers
 * that all run as pid 1 under one hostname (host networking). Instances with equal owners each take the other's
 * claims as their own and process the same segments at once, which can replay a creation after a deletion.
 */
public record InstanceId(String value) {

    public static InstanceId generate() {
        return new InstanceId(ManagementFactory.getRuntimeMXBean().getName() + "#" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public String toString() {
        return value;
    }
}
