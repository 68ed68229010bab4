package dev.catalog.files;

import java.nio.file.Path;

/**
 * An upload's bytes received whole into a file of its own: its size and the SHA-256 of its content, computed as
 * they came. Its owner stores it ({@link ImageStore#put}) or deletes it.
 *
 * @param sha256 lower-case hex
 */
public record StagedFile(Path path, long byteSize, String sha256) {
}
