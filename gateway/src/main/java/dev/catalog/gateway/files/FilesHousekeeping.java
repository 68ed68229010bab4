package dev.catalog.gateway.files;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The files' periodic work, on every instance (each item is done by one of them): every minute the staged uploads
 * that expired unattached are removed ({@link StagedUploads#removeExpired}); every {@code orphanInterval} the stored
 * files no image names any more ({@link OrphanFiles#collect}).
 */
class FilesHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FilesHousekeeping.class);
    private static final Duration UPLOADS_INTERVAL = Duration.ofMinutes(1);

    private final StagedUploads uploads;
    private final OrphanFiles orphans;
    private final Duration orphanInterval;
    private final Duration orphanGrace;
    private ScheduledExecutorService executor;

    FilesHousekeeping(StagedUploads uploads, OrphanFiles orphans, Duration orphanInterval, Duration orphanGrace) {
        this.uploads = uploads;
        this.orphans = orphans;
        this.orphanInterval = orphanInterval;
        this.orphanGrace = orphanGrace;
    }

    private void removeExpiredUploads() {
        try {
            int removed = uploads.removeExpired();
            if (removed > 0) {
                log.info("Removed {} expired uploads that were never attached", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Removing the expired uploads failed; next round in {}", UPLOADS_INTERVAL, e);
        }
    }

    private void collectOrphans() {
        try {
            int removed = orphans.collect(orphanGrace);
            if (removed > 0) {
                log.info("Removed {} stored files that no image names any more", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Removing the stored files no image names failed; next round in {}", orphanInterval, e);
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "files-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::removeExpiredUploads, UPLOADS_INTERVAL.toMillis(),
                UPLOADS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::collectOrphans, orphanInterval.toMillis(), orphanInterval.toMillis(),
                TimeUnit.MILLISECONDS);
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
