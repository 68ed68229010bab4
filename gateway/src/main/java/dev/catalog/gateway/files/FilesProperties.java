package dev.catalog.gateway.files;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where uploaded images are kept and how they are addressed, under {@code catalog.files}.
 *
 * @param directory where the embedded image store keeps the files ({@code CATALOG_FILES_DIRECTORY}); by default
 *                  {@code files} under the data directory ({@code CATALOG_DATA_DIR}). Back it up with the database.
 * @param baseUrl   the public address the files are fetched from, without the trailing {@code /files}
 *                  ({@code CATALOG_FILES_BASE_URL}, e.g. {@code https://shop.example.com}); by default the address the
 *                  upload request came to. It becomes part of each uploaded image's {@code url}.
 * @param maxPixels the most pixels (width times height, read from the header) an uploaded image may have
 *                  ({@code CATALOG_FILES_MAX_PIXELS}); larger ones, decompression bombs among them, are refused
 * @param uploadUrlValidity how long a staged upload's URL takes its bytes ({@code CATALOG_FILES_UPLOAD_URL_VALIDITY},
 *                  at most 15 minutes); the upload is removed a minute after, unless attached
 */
@ConfigurationProperties("catalog.files")
public record FilesProperties(Path directory, String baseUrl, @DefaultValue("50000000") long maxPixels,
                              @DefaultValue("15m") Duration uploadUrlValidity) {

    public FilesProperties {
        if (uploadUrlValidity.isNegative() || uploadUrlValidity.isZero()
                || uploadUrlValidity.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("catalog.files.upload-url-validity is more than 0 and at most 15 "
                    + "minutes, got " + uploadUrlValidity);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("catalog.files.max-pixels must be positive, got " + maxPixels);
        }
        if (baseUrl != null && !baseUrl.isBlank() && !baseUrl.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?")) {
            throw new IllegalArgumentException("catalog.files.base-url must be an http or https address without a "
                    + "query, got " + baseUrl);
        }
        baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
    }
}
