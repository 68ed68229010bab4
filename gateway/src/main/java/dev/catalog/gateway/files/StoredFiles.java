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
 * else is 404.
 */
@RestController
class StoredFiles {

    static final String PATH = "/files/";
    private static final CacheControl FOREVER = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    private final ImageStore store;

    StoredFiles(ImageStore store) {
        this.store = store;
    }

    @GetMapping(PATH + "{key}")
    ResponseEntity<InputStreamResource> file(@PathVariable String key,
                                             @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                             String ifNoneMatch) throws IOException {
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
}
