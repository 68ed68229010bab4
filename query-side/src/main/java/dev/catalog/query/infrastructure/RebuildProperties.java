package dev.catalog.query.infrastructure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a view is rebuilt ({@link ViewRebuild}), under {@code catalog.rebuild}.
 *
 * @param pageSize          events read, projected and committed together ({@code CATALOG_REBUILD_PAGE_SIZE})
 * @param switchLockTimeout the longest the switch waits for the live view's lock, which holds back the commands
 *                          that write the view meanwhile; it tries again after catching up if it did not get it
 *                          ({@code CATALOG_REBUILD_SWITCH_LOCK_TIMEOUT})
 */
@ConfigurationProperties("catalog.rebuild")
public record RebuildProperties(
        @DefaultValue("5000") int pageSize,
        @DefaultValue("2s") Duration switchLockTimeout) {

    public RebuildProperties {
        if (pageSize < 1) {
            throw new IllegalArgumentException("catalog.rebuild.page-size must be at least 1, got " + pageSize);
        }
        if (switchLockTimeout.isNegative() || switchLockTimeout.isZero()) {
            throw new IllegalArgumentException("catalog.rebuild.switch-lock-timeout must be positive, got "
                    + switchLockTimeout);
        }
    }
}
