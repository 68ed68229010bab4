package dev.catalog.graphql.persisted;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The id an automatic persisted query names a document by: the SHA-256 of its UTF-8 text, in lower-case hex. */
public final class DocumentHash {

    private DocumentHash() {
    }

    public static String sha256(String document) {
        return sha256(document.getBytes(StandardCharsets.UTF_8));
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
