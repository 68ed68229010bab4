package dev.catalog.files;

/** Bytes that are not an image the catalog takes; the message says why, for the client. */
public final class RefusedImageException extends Exception {

    /** Why, as a client can act on it. */
    public enum Reason {
        /** Larger than the limit on an upload's bytes. */
        TOO_LARGE,
        /** Not JPEG, PNG, GIF or WebP, whatever its name or declared type. */
        NOT_AN_IMAGE,
        /** More pixels than the limit, read from its header (a decompression bomb looks like this). */
        TOO_MANY_PIXELS,
        /** An image type's first bytes without a header that can be read. */
        UNREADABLE
    }

    private final Reason reason;

    public RefusedImageException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
