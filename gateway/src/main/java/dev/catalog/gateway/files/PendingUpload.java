package dev.catalog.gateway.files;

import java.time.Instant;

/**
 * An upload URL handed out and not attached yet: what its signature binds.
 *
 * @param received whether its bytes came (a URL takes one PUT)
 */
record PendingUpload(String uploadId, long productId, String contentType, long byteSize, Instant expiresAt,
                     boolean received) {
}
