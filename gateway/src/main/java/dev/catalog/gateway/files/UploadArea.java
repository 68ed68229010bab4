package dev.catalog.gateway.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where the bytes of a staged upload wait, under its id, from the client's {@code PUT} until {@code createImage}
 * takes them into the image store or the upload expires.
 */
interface UploadArea {

    /** The address the client sends the bytes to, with {@code PUT}. */
    String uploadUrl(PendingUpload upload, String signature);

    /** The bytes received for the upload, if they came. */
    Optional<InputStream> open(String uploadId) throws IOException;

    /** Removes the bytes of the upload; nothing when there are none. */
    void delete(String uploadId) throws IOException;
}
