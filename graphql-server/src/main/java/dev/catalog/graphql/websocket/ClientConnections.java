package dev.catalog.graphql.websocket;

import java.util.concurrent.ConcurrentHashMap;

/** Open WebSocket connections per client address on this instance, bounded. */
final class ClientConnections {

    private final int maxPerClient;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    ClientConnections(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    /** Counts one more connection of {@code client}, unless it has {@code maxPerClient} already. */
    boolean tryOpen(String client) {
        boolean[] opened = {false};
        open.compute(client, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerClient) {
                return count;
            }
            opened[0] = true;
            return current + 1;
        });
        return opened[0];
    }

    void closed(String client) {
        open.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
    }

    int maxPerClient() {
        return maxPerClient;
    }
}
