package dev.catalog.platform.processing;

import dev.catalog.platform.roles.InstanceId;
import dev.catalog.platform.roles.InstanceRoles;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The instances sharing the database, and how many segments of each asynchronous processor this one may claim.
 *
 * <p>Every instance writes a heartbeat into {@code processing_node} every third of the claim timeout. The live
 * instances with the {@code processors} role (a heartbeat younger than the claim timeout) divide each processor's
 * segments between them, in the order of their names: each may hold {@code segments / live}, and the first
 * {@code segments % live} one more, so the shares add up to the segments. Axon's coordinator asks the share at every
 * claim round and releases what is above it, so segments spread when an instance joins, and an instance's segments
 * are claimed by the others once its claims have timed out when it dies. Until its first heartbeat is written, and on
 * an instance without the {@code processors} role, the share is 0.
 *
 * <p>A stopping instance removes its row, so the others count it gone at once and take the segments it releases.
 */
public class ProcessingNodes implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessingNodes.class);
    /** A row whose heartbeat is this much older than the claim timeout is deleted. */
    private static final Duration FORGOTTEN_AFTER = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TokenStore tokenStore;
    private final InstanceId instance;
    private final InstanceRoles roles;
    private final Duration claimTimeout;
    /** How often claims are looked for and extended, and heartbeats written: a third of the claim timeout. */
    private final long roundMillis;
    private final ProcessingThreads threads;
    /** Each processor that asked for its share, with its segments as last read from the token store. */
    private final Map<String, Integer> segments = new ConcurrentHashMap<>();
    /** This instance among the live ones with the processors role, as last read; none until the first heartbeat. */
    private volatile Rank rank = new Rank(0, 0);
    private volatile ScheduledExecutorService executor;

    public ProcessingNodes(JdbcClient jdbc, TokenStore tokenStore, InstanceId instance, InstanceRoles roles,
                           ProcessingProperties properties, ProcessingThreads threads) {
        this.jdbc = jdbc;
        this.tokenStore = tokenStore;
        this.instance = instance;
        this.roles = roles;
        this.claimTimeout = properties.claimTimeout();
        this.roundMillis = claimTimeout.toMillis() / 3;
        this.threads = threads;
    }

    /**
     * Lets a pooled streaming processor claim at most its share, checking for segments to claim every third of the
     * claim timeout and extending its claims as often, so a claim outlives neither a dead owner nor a live one's
     * pauses by more than the timeout.
     */
    public PooledStreamingEventProcessor.Builder apply(PooledStreamingEventProcessor.Builder builder) {
        // Axon's builder asks the provider once, when it is set, and refuses 0 (which an instance without the
        // processors role answers); that answer is never used to claim: the coordinator asks again at every round.
        AtomicBoolean askedByTheBuilder = new AtomicBoolean();
        return builder
                .maxSegmentProvider(processor -> askedByTheBuilder.compareAndSet(false, true) ? 1 : share(processor))
                .tokenClaimInterval(roundMillis)
                .claimExtensionThreshold(roundMillis);
    }

    /** How many segments of this processor this instance may hold now. */
    public int share(String processor) {
        Integer total = segments.computeIfAbsent(processor, name -> 0);
        return roles.runsProcessors() ? rank.share(total) : 0;
    }

    /**
     * This instance's place among the {@code live} instances with the processors role, in the order of their names.
     *
     * @param position from 0
     * @param live     0 before the first heartbeat
     */
    record Rank(int position, int live) {

        /**
         * {@code total / live}, one more for the first {@code total % live}; 0 before the first heartbeat; 1 while the
         * processor's segments are not yet created, so that an instance creates them.
         */
        int share(int total) {
            if (live == 0) {
                return 0;
            }
            if (total == 0) {
                return 1;
            }
            return total / live + (position < total % live ? 1 : 0);
        }
    }

    /** Every instance that wrote a heartbeat in the last minute, most recently started first. */
    public List<Node> nodes() {
        return jdbc.sql("""
                        SELECT node, roles, started_at, heartbeat_at, heartbeat_at > now() - make_interval(secs => :timeout) AS live
                        FROM processing_node ORDER BY started_at DESC, node""")
                .param("timeout", seconds(claimTimeout))
                .query((row, number) -> new Node(row.getString("node"), row.getString("roles"),
                        row.getTimestamp("started_at").toInstant(), row.getTimestamp("heartbeat_at").toInstant(),
                        row.getBoolean("live")))
                .list();
    }

    /** An instance as its heartbeat shows it; {@code live} when it beat within the claim timeout. */
    public record Node(String node, String roles, Instant startedAt, Instant heartbeatAt, boolean live) {
    }

    public InstanceId instance() {
        return instance;
    }

    public InstanceRoles roles() {
        return roles;
    }

    void beat() {
        jdbc.sql("""
                        INSERT INTO processing_node (node, roles, started_at, heartbeat_at) VALUES (:node, :roles, now(), now())
                        ON CONFLICT (node) DO UPDATE SET heartbeat_at = now(), roles = EXCLUDED.roles""")
                .param("node", instance.value()).param("roles", roles.toString()).update();
        jdbc.sql("DELETE FROM processing_node WHERE heartbeat_at < now() - make_interval(secs => :forgotten)")
                .param("forgotten", seconds(claimTimeout.plus(FORGOTTEN_AFTER))).update();
        segments.replaceAll((processor, count) -> tokenStore.fetchSegments(processor).length);
        List<String> live = jdbc.sql("""
                        SELECT node FROM processing_node
                        WHERE heartbeat_at > now() - make_interval(secs => :timeout) AND roles LIKE '%processors%'
                        ORDER BY node""")
                .param("timeout", seconds(claimTimeout))
                .query(String.class).list();
        int position = live.indexOf(instance.value());
        rank = position >= 0 ? new Rank(position, live.size()) : new Rank(live.size(), live.size() + 1);
    }

    /** For PostgreSQL's {@code make_interval(secs => ...)}. */
    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private void beatLogged() {
        try {
            beat();
        } catch (RuntimeException e) {
            // The database is out of reach: this instance's claims lapse, and the others take its segments over.
            log.warn("Could not write this instance's heartbeat ({}); retrying", e.toString());
        }
    }

    /** Writes the first heartbeat before the processors start, so they know their share at their first claim. */
    @Override
    public void start() {
        beatLogged();
        executor = threads.executor("processing-nodes", 1);
        executor.scheduleWithFixedDelay(this::beatLogged, roundMillis, roundMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
        }
        try {
            jdbc.sql("DELETE FROM processing_node WHERE node = :node").param("node", instance.value()).update();
        } catch (RuntimeException e) {
            log.warn("Could not remove this instance's heartbeat ({}); it expires by itself", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Started before Axon's processors, stopped after them (Axon's lifecycle runs at phase 0 and above). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
