package dev.catalog.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The embedded store: files under one directory (the data directory's {@code files/} by default), spread over
 * sub-directories by the first two bytes of their hash ({@code ab/cd/abcd….jpg}) so that no directory grows
 * large. A file appears whole or not at all: it is written in the staging directory and renamed in.
 */
public final class FileSystemImageStore implements ImageStore {

    private final Path root;

    public FileSystemImageStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    /** The staging directory that goes with this store: beside its files, on the same file system. */
    public Path stagingDirectory() {
        return root.resolve(".staging");
    }

    @Override
    public StoredFile put(StagedFile staged, ImageType type) throws IOException {
        StoredFile stored = new StoredFile(StoredFile.keyOf(staged.sha256(), type), type, staged.byteSize(), staged.sha256());
        Path target = pathOf(stored.key());
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            Files.delete(staged.path()); // the same content, stored before
            return stored;
        }
        try {
            // A rename: readers see the whole file or none. One racing put of the same content replaces it with
            // the same bytes.
            Files.move(staged.path(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The staging directory " + staged.path().getParent() + " is not on the file system "
                    + "of the store " + root + ": a file could appear half written", e);
        }
        return stored;
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(pathOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean contains(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    /** Where the file of {@code key} is; the key is checked first, so nothing else becomes a path. */
    Path pathOf(String key) {
        if (!StoredFile.isKey(key)) {
            throw new IllegalArgumentException("Not a stored file's key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key.substring(2, 4)).resolve(key);
    }
}
