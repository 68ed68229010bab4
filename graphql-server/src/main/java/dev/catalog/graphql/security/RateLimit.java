package dev.catalog.graphql.security;

import io.github.bucket4j.ConsumptionProbe;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The per-client rate limit ({@code CATALOG_RATE_LIMIT_PER_MINUTE}), one budget per client, whatever carries its
 * requests: each HTTP request ({@link RateLimitFilter}) and each operation sent over a WebSocket connection takes
 * one. Administrators are not held back (an import or an export sends many requests on purpose); whether the caller
 * is one is asked only once its minute is used up. State is per instance (docs/adr/0006).
 */
public final class RateLimit {

    /** Enough for a large burst of distinct clients; beyond it the least recently seen are forgotten. */
    static final int MAX_CLIENTS = 100_000;

    private final int perMinute;
    private final ClientBuckets buckets;

    /** @param perMinute requests per client and minute; 0 for no limit */
    RateLimit(int perMinute) {
        if (perMinute < 0) {
            throw new IllegalStateException("CATALOG_RATE_LIMIT_PER_MINUTE must be 0 (no limit) or positive.");
        }
        this.perMinute = perMinute;
        this.buckets = perMinute == 0 ? null : new ClientBuckets(perMinute, MAX_CLIENTS, System::nanoTime);
    }

    boolean enabled() {
        return buckets != null;
    }

    /**
     * Counts one request of {@code client}.
     *
     * @return empty when it may go on; else the seconds after which the client may send again
     */
    public OptionalLong take(String client, BooleanSupplier administrator) {
        if (buckets == null) {
            return OptionalLong.empty();
        }
        ConsumptionProbe probe = buckets.tryConsume(client);
        if (probe.isConsumed() || administrator.getAsBoolean()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999)));
    }

    /** The refusal's message, the same on every transport. */
    public String refusal(long retryAfterSeconds) {
        return "Too many requests: at most " + perMinute + " a minute per client. Retry after " + retryAfterSeconds + " s.";
    }
}
