package dev.catalog.events.image;

import java.util.regex.Pattern;

/**
 * The stored file behind an image that was uploaded rather than given as a URL: where the image store keeps it and
 * what its bytes are. Events carry this metadata, never the bytes.
 *
 * @param key         the store's name for the content, {@code <sha256>.<extension>}
 * @param contentType {@code image/jpeg}, {@code image/png}, {@code image/gif} or {@code image/webp}, read from the bytes
 * @param byteSize    the file's length in bytes
 * @param sha256      the SHA-256 of the bytes, in lower-case hex
 * @param width       pixels, read from the file's header
 * @param height      pixels, read from the file's header
 */
public record ImageFile(String key, String contentType, long byteSize, String sha256, int width, int height) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ImageFile {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
        if (key == null || !key.startsWith(sha256 + ".")) {
            throw new IllegalArgumentException("key must be the sha256 and an extension, got " + key);
        }
        if (contentType == null || !contentType.startsWith("image/")) {
            throw new IllegalArgumentException("contentType must be an image type, got " + contentType);
        }
        if (byteSize <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("byteSize, width and height must be positive, got "
                    + byteSize + ", " + width + ", " + height);
        }
    }
}
