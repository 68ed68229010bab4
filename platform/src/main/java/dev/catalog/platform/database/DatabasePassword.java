package dev.catalog.platform.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The embedded PostgreSQL's superuser password: drawn at random on first start and kept in a file that only
 * its owner may read or write ({@code rw-------}), in the data directory.
 */
final class DatabasePassword {

    static final String FILE_NAME = "catalog-password";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private DatabasePassword() {
    }

    /** 32 random bytes, base64url: 43 characters, safe in a pwfile and in a connection string. */
    static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The password kept in {@code file}, or {@code null} when there is no such file. */
    static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new IOException(file + " is empty; delete it only together with the data directory");
        }
        return password;
    }

    /** Writes {@code password} to a new file readable by its owner only. */
    static void write(Path file, String password) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    }
}
