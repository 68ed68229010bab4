package dev.catalog.gateway.files;

import dev.catalog.files.S3ImageStore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The staged uploads of the S3 image store: the client PUTs the bytes straight to the bucket, to a URL presigned
 * for the declared type and length, valid until the upload expires.
 */
final class S3UploadArea implements UploadArea {

    private final S3ImageStore store;
    private final Clock clock;

    S3UploadArea(S3ImageStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The bucket checks its own signature; the service's is not part of this URL. */
    @Override
    public String uploadUrl(PendingUpload upload, String signature) {
        Duration left = Duration.between(clock.instant(), upload.expiresAt());
        return store.presignUpload(upload.uploadId(), upload.contentType(), upload.byteSize(), left).toString();
    }

    @Override
    public Optional<InputStream> open(String uploadId) throws IOException {
        return store.openUpload(uploadId);
    }

    @Override
    public void delete(String uploadId) throws IOException {
        store.deleteUpload(uploadId);
    }
}
