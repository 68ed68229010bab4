package dev.catalog.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Receives uploads into files of their own under one directory, never reading more than the limit: the bytes
 * beyond it are never written, and the partial file is removed.
 */
public final class Staging {

    private final Path directory;
    private final long maxBytes;

    /**
     * @param directory where staged files are written; created if missing. On the same file system as the store, so
     *                  that storing a file is a rename
     * @param maxBytes  the largest upload accepted
     */
    public Staging(Path directory, long maxBytes) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.directory = Files.createDirectories(directory);
        this.maxBytes = maxBytes;
    }

    /**
     * Copies {@code in} to a new staged file, hashing it.
     *
     * @throws RefusedImageException {@link RefusedImageException.Reason#TOO_LARGE} as soon as more than the limit came;
     *                               nothing stays on disk
     */
    public StagedFile receive(InputStream in) throws IOException, RefusedImageException {
        Path file = Files.createTempFile(directory, "upload-", ".part");
        boolean kept = false;
        try {
            MessageDigest sha256 = sha256();
            long total = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    total += read;
                    if (total > maxBytes) {
                        throw new RefusedImageException(RefusedImageException.Reason.TOO_LARGE,
                                "The file is larger than " + maxBytes + " bytes, the most an upload may carry.");
                    }
                    out.write(buffer, 0, read);
                }
            }
            kept = true;
            return new StagedFile(file, total, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
