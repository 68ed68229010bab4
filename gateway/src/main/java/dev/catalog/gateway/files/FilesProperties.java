package dev.catalog.gateway.files;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where uploaded images are kept and how they are addressed, under {@code catalog.files}.
 *
 * @param store     {@code filesystem} (the default: files under {@code directory}, served by the service) or
 *                  {@code s3} (a bucket of S3 or of an S3-compatible server, {@code s3.*}) ({@code CATALOG_FILES_STORE})
 * @param directory where the embedded image store keeps the files ({@code CATALOG_FILES_DIRECTORY}); by default
 *                  {@code files} under the data directory ({@code CATALOG_DATA_DIR}). Back it up with the database.
 * @param baseUrl   the public address the files are fetched from, without the trailing {@code /files}
 *                  ({@code CATALOG_FILES_BASE_URL}, e.g. {@code https://shop.example.com}); by default the address the
 *                  upload request came to. It becomes part of each uploaded image's {@code url}.
 * @param maxPixels the most pixels (width times height, read from the header) an uploaded image may have
 *                  ({@code CATALOG_FILES_MAX_PIXELS}); larger ones, decompression bombs among them, are refused
 * @param uploadUrlValidity how long a staged upload's URL takes its bytes ({@code CATALOG_FILES_UPLOAD_URL_VALIDITY},
 *                  at most 15 minutes); the upload is removed a minute after, unless attached
 * @param orphanGrace how long a stored file is kept, at least, after it was last stored, even when no image names it
 *                  ({@code CATALOG_FILES_ORPHAN_GRACE}); longer than any upload takes to become an image
 * @param orphanInterval how often the files no image names are looked for and removed
 *                  ({@code CATALOG_FILES_ORPHAN_INTERVAL})
 */
@ConfigurationProperties("catalog.files")
public record FilesProperties(@DefaultValue("filesystem") Store store, Path directory, String baseUrl,
                              @DefaultValue("50000000") long maxPixels,
                              @DefaultValue("15m") Duration uploadUrlValidity, @DefaultValue S3 s3,
                              @DefaultValue("1h") Duration orphanGrace, @DefaultValue("15m") Duration orphanInterval) {

    /** Where the files are kept. */
    public enum Store {
        FILESYSTEM, S3
    }

    /**
     * The bucket of the {@code s3} store ({@code CATALOG_FILES_S3_*}).
     *
     * @param endpoint        an S3-compatible server's address ({@code http://minio:9000}); unset for AWS
     * @param region          the region requests are signed for
     * @param bucket          the bucket, which must exist
     * @param accessKeyId     with {@code secretAccessKey}; both unset for the SDK's default credentials chain
     * @param secretAccessKey never logged
     * @param pathStyle       {@code http://host/bucket/key} addresses, as most S3-compatible servers need
     * @param prefix          put before every object's name
     * @param publicUrl       the bucket's public address for reading ({@code https://cdn.example.com/images}), which
     *                        then becomes the uploaded images' {@code url} base; unset: the service serves the files
     * @param uploadEndpoint  the server's address as clients reach it, for the staged uploads' presigned URLs, when
     *                        {@code endpoint} is an internal name ({@code http://localhost:9000} beside
     *                        {@code http://minio:9000}); unset: {@code endpoint}
     */
    public record S3(URI endpoint, @DefaultValue("us-east-1") String region, String bucket, String accessKeyId,
                     String secretAccessKey, @DefaultValue("true") boolean pathStyle, @DefaultValue("") String prefix,
                     String publicUrl, URI uploadEndpoint) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                    + ", publicUrl=" + publicUrl + ", uploadEndpoint=" + uploadEndpoint + "]";
        }
    }

    public FilesProperties {
        if (orphanGrace.compareTo(Duration.ofMinutes(15)) < 0) {
            throw new IllegalArgumentException("catalog.files.orphan-grace is at least 15 minutes (an upload URL's "
                    + "longest life), got " + orphanGrace);
        }
        if (orphanInterval.isNegative() || orphanInterval.isZero()) {
            throw new IllegalArgumentException("catalog.files.orphan-interval must be positive, got " + orphanInterval);
        }
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
