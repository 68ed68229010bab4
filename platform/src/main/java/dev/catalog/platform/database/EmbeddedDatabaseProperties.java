package dev.catalog.platform.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL, used when no {@code SPRING_DATASOURCE_URL} is set.
 *
 * @param dataDir          where its cluster lives and survives restarts ({@code CATALOG_DATA_DIR})
 * @param embeddedDatabase how it runs
 */
@ConfigurationProperties("catalog")
public record EmbeddedDatabaseProperties(@DefaultValue("./data") Path dataDir,
                                         @DefaultValue EmbeddedDatabase embeddedDatabase) {

    /**
     * @param port               its TCP port on localhost; 0 picks a free one at each start
     * @param crashMayLoseWrites {@code true} turns off {@code fsync} and {@code synchronous_commit}
     *                           ({@code CATALOG_EMBEDDED_DATABASE_CRASH_MAY_LOSE_WRITES}): commits get faster, and a
     *                           crash of the process, the database or the machine may lose writes that were
     *                           already acknowledged, or corrupt the cluster. For throw-away data only.
     */
    public record EmbeddedDatabase(@DefaultValue("0") int port, @DefaultValue("false") boolean crashMayLoseWrites) {
    }
}
