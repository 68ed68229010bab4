package dev.catalog.gateway.files;

import dev.catalog.files.ImageStore;
import dev.catalog.files.ImageType;
import dev.catalog.files.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the embedded store's files at {@code /files/<key>}. A key names its content (its SHA-256), so an answer never
 * changes: cached for a year as immutable, with the hash as its {@code ETag}. Only a key can name a file; anything
 * else is 404. Resized variants are served under {@code /files/variants/}.
 */
@RestController
class StoredFiles {

    static final String PATH = "/files/";
    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final ImageStore store;
    private final ImageVariants variants;

    StoredFiles(ImageStore store, ImageVariants variants) {
        this.store = store;
        this.variants = variants;
    }

    @GetMapping(PATH + "{key}")
    ResponseEntity<InputStreamResource> file(@PathVariable String key,
                                             @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                             String ifNoneMatch) throws IOException {
        return serve(key, ifNoneMatch);
    }

    /**
     * A resized variant ({@link ImageVariants}), made on its first request. Its address names the original and the
     * bounds, never the variant's content, so it is found again through the variants' table; the answer is the
     * variant's file itself, as immutable as the original.
     */
    @GetMapping(ImageVariants.PATH + "{width}x{height}/{key}")
    ResponseEntity<InputStreamResource> variant(@PathVariable String width, @PathVariable String height,
                                                @PathVariable String key,
                                                @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                                String ifNoneMatch) throws IOException {
        Optional<ImageVariants.Bounds> bounds = bounds(width, height);
        if (bounds.isEmpty() || !StoredFile.isKey(key)) {
            return ResponseEntity.notFound().build();
        }
        Optional<String> variant = variants.variantKey(key, bounds.get());
        return variant.isEmpty() ? ResponseEntity.notFound().build() : serve(variant.get(), ifNoneMatch);
    }

    private ResponseEntity<InputStreamResource> serve(String key, String ifNoneMatch) throws IOException {
        Optional<ImageType> type = StoredFile.isKey(key)
                ? ImageType.ofExtension(key.substring(key.indexOf('.') + 1)) : Optional.empty();
        if (type.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        String etag = "\"" + key.substring(0, key.indexOf('.')) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(FOREVER).build();
        }
        Optional<InputStream> content = store.open(key);
        if (content.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(type.get().contentType()))
                .eTag(etag)
                .cacheControl(FOREVER)
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(content.get()));
    }

    /** Only the bounds {@link ImageVariants} hands out: anything else would make a variant per request. */
    private static Optional<ImageVariants.Bounds> bounds(String width, String height) {
        if (!width.matches("\\d{1,4}") || !height.matches("\\d{1,4}")) {
            return Optional.empty();
        }
        int w = Integer.parseInt(width);
        int h = Integer.parseInt(height);
        boolean valid = ImageVariants.Bounds.valid(w) && ImageVariants.Bounds.valid(h) && (w != 0 || h != 0);
        return valid ? Optional.of(new ImageVariants.Bounds(w, h)) : Optional.empty();
    }
}
