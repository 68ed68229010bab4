package dev.catalog.graphql.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One in-memory token bucket per client key, {@code perMinute} tokens refilled in full every minute. The map
 * is bounded twice: an entry idle for a minute is dropped (its bucket would be full again, so a new one is
 * equivalent), and beyond {@code maxClients} the least recently seen client is dropped, so a flood of
 * addresses costs bounded memory (its cost: those clients start again with a full bucket).
 */
final class ClientBuckets {

    private static final long IDLE_NANOS = Duration.ofMinutes(1).toNanos();

    private final int perMinute;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);

    private record Entry(Bucket bucket, long lastSeen) {
    }

    ClientBuckets(int perMinute, int maxClients, LongSupplier nanoTime) {
        this.perMinute = perMinute;
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    /** Takes one token of {@code client}'s bucket; the probe says whether it was there and when one will be. */
    ConsumptionProbe tryConsume(String client) {
        return bucketOf(client).tryConsumeAndReturnRemaining(1);
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private Bucket bucketOf(String client) {
        long now = nanoTime.getAsLong();
        // One short critical section per request: a map lookup and at most a few removals.
        synchronized (entries) {
            Entry entry = entries.get(client);
            Bucket bucket = entry == null ? newBucket() : entry.bucket();
            entries.put(client, new Entry(bucket, now));
            Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
            while (eldest.hasNext()) {
                Map.Entry<String, Entry> candidate = eldest.next();
                boolean idle = now - candidate.getValue().lastSeen() > IDLE_NANOS;
                if (!idle && entries.size() <= maxClients) {
                    break;
                }
                eldest.remove();
            }
            return bucket;
        }
    }

    private Bucket newBucket() {
        // Interval refill: exactly perMinute requests per minute; greedy refill would let request perMinute+1
        // through after a fraction of a second.
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)))
                .build();
    }
}
