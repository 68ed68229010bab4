package dev.catalog.gateway.files;

import dev.catalog.files.ImageStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the stored files no image names any more, with their variants: after an image's deletion (its product's
 * included), once no other image shows the same content. The {@code stored_file} table (this class its only writer)
 * records when the store was last given each file.
 *
 * <p>Never the reverse: a file is removed only when its row is older than the grace period, under the row's lock,
 * after checking once more that no image names it; and every path that stores a file renews its row first
 * ({@link #storing}), waiting for that lock. So a file that an image is about to name (stored, its command not yet
 * committed) is never removed, and a crash between the removal of a file and of its row leaves a row to remove
 * again, never an image without its file.
 */
public class OrphanFiles {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ImageStore store;
    private final Clock clock;

    OrphanFiles(JdbcClient jdbc, TransactionTemplate transactions, ImageStore store, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.store = store;
        this.clock = clock;
    }

    /** Called before the store is given {@code key}'s content: keeps the file for the grace period from now. */
    void storing(String key) {
        jdbc.sql("""
                        INSERT INTO stored_file (key, stored_at) VALUES (:key, :now)
                        ON CONFLICT (key) DO UPDATE SET stored_at = EXCLUDED.stored_at""")
                .param("key", key).param("now", now()).update();
    }

    /**
     * Removes the files stored more than {@code grace} ago that no image names, directly or as one of its variants.
     *
     * @return how many files were removed
     */
    public int collect(Duration grace) {
        OffsetDateTime cutoff = now().minus(grace);
        List<String> candidates = jdbc.sql("""
                        SELECT f.key FROM stored_file f
                         WHERE f.stored_at < :cutoff
                           AND NOT EXISTS (SELECT 1 FROM image_view i WHERE i.file_key = f.key)
                           AND NOT EXISTS (SELECT 1 FROM image_variant v JOIN image_view i ON i.file_key = v.original_key
                                            WHERE v.variant_key = f.key)""")
                .param("cutoff", cutoff).query(String.class).list();
        int removed = 0;
        for (String key : candidates) {
            if (Boolean.TRUE.equals(transactions.execute(status -> remove(key, cutoff)))) {
                removed++;
            }
        }
        return removed;
    }

    /** In one transaction, holding the file's row: a concurrent {@link #storing} of the same content waits. */
    private boolean remove(String key, OffsetDateTime cutoff) {
        boolean stillOld = jdbc.sql("SELECT 1 FROM stored_file WHERE key = :key AND stored_at < :cutoff FOR UPDATE")
                .param("key", key).param("cutoff", cutoff).query(Integer.class).optional().isPresent();
        boolean named = jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM image_view WHERE file_key = :key)
                            OR EXISTS (SELECT 1 FROM image_variant v JOIN image_view i ON i.file_key = v.original_key
                                        WHERE v.variant_key = :key)""")
                .param("key", key).query(Boolean.class).single();
        if (!stillOld || named) {
            return false;
        }
        try {
            store.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored file " + key + " could not be removed", e);
        }
        // Its variants' files are collected in their turn, once this mapping no longer names them.
        jdbc.sql("DELETE FROM image_variant WHERE original_key = :key OR variant_key = :key").param("key", key).update();
        jdbc.sql("DELETE FROM stored_file WHERE key = :key").param("key", key).update();
        return true;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
