package dev.catalog.graphql.http;

import dev.catalog.graphql.media.MultipartForms;
import dev.catalog.graphql.websocket.WebSocketUpgrade;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Puts the GraphQL requests through the {@link WarmUpGate} until it opens, and ticks it once a second. WebSocket
 * upgrades and multipart uploads pass, recognised as the endpoint recognises them ({@link WebSocketUpgrade#requested},
 * {@link MultipartForms#is}): an upgrade holds no thread once done, and an upload would hold a permit for as
 * long as its client takes to send the file.
 *
 * <p>A plain {@link HttpFilter}: it is registered for REQUEST dispatches only, so {@code OncePerRequestFilter}'s
 * request attribute would be work for nothing on every GraphQL request, long after the gate has opened.
 */
final class WarmUpFilter extends HttpFilter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WarmUpFilter.class);

    private final WarmUpGate gate;
    private ScheduledExecutorService timer;

    private WarmUpFilter(WarmUpGate gate) {
        this.gate = gate;
    }

    /**
     * The filter for {@code concurrency} requests at a time while warming up, watching the compiler threads' CPU time
     * ({@link CompilerCpu}; elsewhere than on Linux, the JVM's total compilation time); one that gates nothing when
     * {@code concurrency} is 0 (turned off) or the JVM does not measure its compilation time (no JIT to wait for).
     */
    static WarmUpFilter create(int concurrency, Duration maxDuration, Duration maxWait) {
        if (concurrency < 0) {
            throw new IllegalArgumentException("catalog.warm-up.concurrency must be 0 (off) or more, got "
                    + concurrency);
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (concurrency == 0 || jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            WarmUpGate open = new WarmUpGate(1, maxDuration, maxWait, () -> 0, System::nanoTime);
            open.openNow();
            return new WarmUpFilter(open);
        }
        log.info("Warm-up: {} GraphQL requests at a time until the JIT has compiled their paths (at most {} after "
                + "the first request; catalog.warm-up.concurrency=0 turns this off)", concurrency, maxDuration);
        LongSupplier compilersBusy = CompilerCpu.available() ? CompilerCpu::millis : jit::getTotalCompilationTime;
        return new WarmUpFilter(new WarmUpGate(concurrency, maxDuration, maxWait, compilersBusy, System::nanoTime));
    }

    /** Whether requests are still admitted a few at a time. */
    boolean warmingUp() {
        return !gate.isOpen();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (gate.isOpen() || WebSocketUpgrade.requested(request) || MultipartForms.is(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        boolean permit;
        try {
            permit = gate.enter();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting to be admitted", e);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            gate.leave(permit);
        }
    }

    @Override
    public synchronized void start() {
        if (gate.isOpen()) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("warm-up-gate").daemon().factory());
        executor.scheduleAtFixedRate(() -> {
            try {
                gate.tick();
            } catch (RuntimeException e) {
                // A gate that can no longer tick would never open: open it rather than limit the instance for good.
                log.warn("The warm-up gate failed to measure the JIT; opening it", e);
                gate.openNow();
            }
            if (gate.isOpen()) {
                executor.shutdown();
            }
        }, 1, 1, TimeUnit.SECONDS);
        timer = executor;
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
