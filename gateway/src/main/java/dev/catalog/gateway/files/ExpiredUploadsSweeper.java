package dev.catalog.gateway.files;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Removes the staged uploads that expired without being attached, with their bytes, every minute. Every instance
 * sweeps; each expired upload is removed by one of them.
 */
class ExpiredUploadsSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiredUploadsSweeper.class);

    private final StagedUploads uploads;
    private final Duration interval;
    private ScheduledExecutorService executor;

    ExpiredUploadsSweeper(StagedUploads uploads, Duration interval) {
        this.uploads = uploads;
        this.interval = interval;
    }

    private void sweep() {
        try {
            int removed = uploads.removeExpired();
            if (removed > 0) {
                log.info("Removed {} expired uploads that were never attached", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Removing the expired uploads failed; next round in {}", interval, e);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "expired-uploads-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
