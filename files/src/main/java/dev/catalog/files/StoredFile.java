package dev.catalog.files;

import java.util.regex.Pattern;

/**
 * A file in the store, named by its content: {@code <sha256>.<extension>}. A key is checked against that shape
 * wherever it comes from, so no client's text ever becomes a path.
 */
public record StoredFile(String key, ImageType type, long byteSize, String sha256) {

    private static final Pattern KEY = Pattern.compile("([0-9a-f]{64})\\.(jpg|png|gif|webp)");

    public StoredFile {
        if (!isKey(key)) {
            throw new IllegalArgumentException("Not a stored file's key: " + key);
        }
    }

    /** The key of the content {@code sha256} stored as {@code type}. */
    public static String keyOf(String sha256, ImageType type) {
        return sha256 + "." + type.extension();
    }

    /** Whether {@code key} has a stored file's shape (a hash and an image extension, nothing else). */
    public static boolean isKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }
}
