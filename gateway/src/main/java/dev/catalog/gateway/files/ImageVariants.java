package dev.catalog.gateway.files;

import dev.catalog.files.ImageResizer;
import dev.catalog.files.ImageStore;
import dev.catalog.files.RefusedImageException;
import dev.catalog.files.StagedFile;
import dev.catalog.files.Staging;
import dev.catalog.files.StoredFile;
import dev.catalog.graphql.error.BadUserInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Resized variants of uploaded images: made on their first request, kept in the image store, and found again in
 * {@code image_variant} (this class is its only writer). The bounds a client may ask are rounded down to a power of
 * two between {@value #SMALLEST} and {@value #LARGEST}, so a variant always fits what was asked and nobody can make
 * the service keep more than a handful of variants per image.
 */
public class ImageVariants {

    static final int SMALLEST = 16;
    static final int LARGEST = 2048;
    /** Where variants are served: {@code /files/variants/<width>x<height>/<key of the original>}. */
    static final String PATH = StoredFiles.PATH + "variants/";

    private final JdbcClient jdbc;
    private final ImageStore store;
    private final Staging staging;
    private final ImageResizer resizer;
    /** One variant made at a time per instance: decoding is the one step whose memory grows with the image. */
    private final Semaphore making = new Semaphore(1);
    private final Counter made;
    private final FileAddresses addresses;
    private final OrphanFiles orphans;

    ImageVariants(JdbcClient jdbc, ImageStore store, Staging staging, ImageResizer resizer, FileAddresses addresses,
                  OrphanFiles orphans, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.addresses = addresses;
        this.orphans = orphans;
        this.store = store;
        this.staging = staging;
        this.resizer = resizer;
        this.made = Counter.builder("catalog.files.variants.made")
                .description("Resized variants of uploaded images made (each bound of each image once)")
                .register(registry);
    }

    /** The bounds of a variant: each a power of two in [{@value #SMALLEST}, {@value #LARGEST}], or 0 (unbounded). */
    public record Bounds(int width, int height) {

        /**
         * The variant's bounds for what a client asked: each rounded down to a power of two, at most
         * {@value #LARGEST}.
         *
         * @throws BadUserInputException for a bound under {@value #SMALLEST}, or none at all
         */
        public static Bounds asked(Integer maxWidth, Integer maxHeight) {
            if (maxWidth == null && maxHeight == null) {
                throw new BadUserInputException("maxWidth", "Give maxWidth, maxHeight or both.");
            }
            return new Bounds(rounded("maxWidth", maxWidth), rounded("maxHeight", maxHeight));
        }

        static boolean valid(int bound) {
            return bound == 0 || bound >= SMALLEST && bound <= LARGEST && Integer.bitCount(bound) == 1;
        }

        private static int rounded(String field, Integer bound) {
            if (bound == null) {
                return 0;
            }
            if (bound < SMALLEST) {
                throw new BadUserInputException(field, field + " is at least " + SMALLEST + ", not " + bound + ".");
            }
            return Math.min(LARGEST, Integer.highestOneBit(bound));
        }

        /** Whether an image of this size fits, so that its variant would be itself. */
        public boolean fit(int imageWidth, int imageHeight) {
            return (width == 0 || imageWidth <= width) && (height == 0 || imageHeight <= height);
        }
    }

    /**
     * The address of the variant within {@code bounds} of the uploaded image at {@code url} (whose last segment is its
     * stored file's key); the image's own address when it fits them. Variants are made and served by this service:
     * under the same address as {@code url} when the service serves the files, else under the service's own.
     */
    public String urlOf(String url, int imageWidth, int imageHeight, Bounds bounds) {
        if (bounds.fit(imageWidth, imageHeight)) {
            return url;
        }
        String key = url.substring(url.lastIndexOf('/') + 1);
        int files = url.lastIndexOf(StoredFiles.PATH + key);
        String base = files >= 0 ? url.substring(0, files) : addresses.service();
        return base + PATH + bounds.width() + "x" + bounds.height() + "/" + key;
    }

    /**
     * The stored file of the variant of {@code originalKey} within {@code bounds}: the one made before, or one made
     * now. Empty when there is no such original.
     */
    Optional<String> variantKey(String originalKey, Bounds bounds) throws IOException {
        Optional<String> known = find(originalKey, bounds);
        if (known.isPresent()) {
            return known;
        }
        making.acquireUninterruptibly();
        try {
            known = find(originalKey, bounds); // made meanwhile by another request
            if (known.isPresent()) {
                return known;
            }
            Optional<InputStream> original = store.open(originalKey);
            if (original.isEmpty()) {
                return Optional.empty();
            }
            ByteArrayOutputStream resized = new ByteArrayOutputStream();
            ImageResizer.Resized result;
            try (InputStream in = original.get()) {
                result = resizer.resize(in, bounds.width(), bounds.height(), resized);
            }
            StagedFile staged = staging.receive(new ByteArrayInputStream(resized.toByteArray()));
            orphans.storing(StoredFile.keyOf(staged.sha256(), result.type()));
            StoredFile stored = store.put(staged, result.type());
            jdbc.sql("""
                            INSERT INTO image_variant (original_key, max_width, max_height, variant_key, width, height)
                            VALUES (:original, :maxWidth, :maxHeight, :variant, :width, :height)
                            ON CONFLICT DO NOTHING""")
                    .param("original", originalKey).param("maxWidth", bounds.width())
                    .param("maxHeight", bounds.height()).param("variant", stored.key())
                    .param("width", result.width()).param("height", result.height())
                    .update();
            made.increment();
            return find(originalKey, bounds);
        } catch (RefusedImageException e) {
            throw new IOException("A variant is larger than the upload limit", e);
        } finally {
            making.release();
        }
    }

    private Optional<String> find(String originalKey, Bounds bounds) {
        return jdbc.sql("""
                        SELECT variant_key FROM image_variant
                         WHERE original_key = :original AND max_width = :maxWidth AND max_height = :maxHeight""")
                .param("original", originalKey).param("maxWidth", bounds.width()).param("maxHeight", bounds.height())
                .query(String.class).optional();
    }
}
