package dev.catalog.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where image files are kept, each under its content's key ({@link StoredFile}), so that the same bytes are kept
 * once. Implementations: the file system under the data directory ({@link FileSystemImageStore}) and an S3 bucket
 * ({@link S3ImageStore}).
 */
public interface ImageStore {

    /**
     * Keeps {@code staged} as an image of {@code type}, taking the staged file away (moved in, or deleted when the
     * same content is there already).
     */
    StoredFile put(StagedFile staged, ImageType type) throws IOException;

    /** The content under {@code key}, if the store has it; the caller closes the stream. */
    Optional<InputStream> open(String key) throws IOException;

    /** Whether the store has the content under {@code key}. */
    boolean contains(String key) throws IOException;

    /** Removes the content under {@code key}; nothing when it is not there. */
    void delete(String key) throws IOException;
}
