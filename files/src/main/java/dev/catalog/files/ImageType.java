package dev.catalog.files;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The image formats the catalog accepts, recognised by their first bytes. SVG is not one (ADR 31). */
public enum ImageType {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String contentType;
    private final String extension;

    ImageType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The file name extension of stored files of this type. */
    public String extension() {
        return extension;
    }

    /** The type whose stored files end in {@code .extension}, if any. */
    public static Optional<ImageType> ofExtension(String extension) {
        for (ImageType type : values()) {
            if (type.extension.equals(extension)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type of this content type ({@code image/png}), parameters and case ignored, if it is one of these. */
    public static Optional<ImageType> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (ImageType type : values()) {
            if (type.contentType.equals(bare)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type that {@code head}, the first bytes of a file, starts like, if any. */
    static Optional<ImageType> sniff(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && Arrays.equals(head, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return Optional.of(PNG);
        }
        if (length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
                && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return Optional.of(GIF);
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }
}
