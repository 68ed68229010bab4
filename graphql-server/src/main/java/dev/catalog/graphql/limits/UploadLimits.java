package dev.catalog.graphql.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits on uploads, bound from {@code catalog.upload.*}.
 *
 * @param maxBytes the largest file a request may carry ({@code CATALOG_UPLOAD_MAX_BYTES}, a byte count or a size such
 *                 as {@code 10MB}); a larger one is answered 413 as soon as the server has read that many of its bytes
 */
@ConfigurationProperties("catalog.upload")
public record UploadLimits(@DefaultValue("10MB") DataSize maxBytes) {

    public UploadLimits {
        if (maxBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("catalog.upload.max-bytes must be positive, got " + maxBytes);
        }
    }

    /**
     * The largest multipart request taken: one file of {@link #maxBytes}, the {@code operations} and {@code map}
     * parts within {@code maxJsonBytes} each, and room for the parts' headers.
     */
    public long maxRequestBytes(long maxJsonBytes) {
        return maxBytes.toBytes() + 2 * maxJsonBytes + 16 * 1024;
    }
}
