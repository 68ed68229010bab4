package dev.catalog.graphql.persisted;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Persisted documents, under {@code catalog.persisted}.
 *
 * @param mode         {@code off}, {@code apq} or {@code trusted} ({@code CATALOG_PERSISTED_MODE})
 * @param maxDocuments the most documents the store keeps ({@code CATALOG_PERSISTED_MAX_DOCUMENTS}); past it, a new
 *                     document still runs but is not registered, so registration cannot fill the database
 * @param cacheSize    the documents kept in memory in front of the store ({@code CATALOG_PERSISTED_CACHE_SIZE})
 * @param manifest     a manifest loaded into the store at start-up ({@code CATALOG_PERSISTED_MANIFEST}): Apollo's
 *                     persisted query list, or Relay's {@code id -> text} map
 * @param maxAge       how long a shared cache may keep the answer to a persisted query sent with {@code GET} and no
 *                     token ({@code CATALOG_PERSISTED_MAX_AGE}); 0 makes such answers {@code no-cache}
 */
@ConfigurationProperties("catalog.persisted")
public record PersistedProperties(@DefaultValue("apq") PersistedMode mode,
                                  @DefaultValue("10000") int maxDocuments,
                                  @DefaultValue("1000") int cacheSize,
                                  Path manifest,
                                  @DefaultValue("5s") Duration maxAge) {

    public PersistedProperties {
        if (maxDocuments < 1 || cacheSize < 1) {
            throw new IllegalArgumentException("catalog.persisted.max-documents and cache-size must be positive, got "
                    + maxDocuments + " and " + cacheSize);
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("catalog.persisted.max-age must not be negative, got " + maxAge);
        }
    }
}
