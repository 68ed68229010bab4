package dev.catalog.gateway.files;

import dev.catalog.files.RefusedImageException;
import dev.catalog.files.StagedFile;
import dev.catalog.files.Staging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The staged uploads of the embedded image store: received by this service at {@code /uploads/<id>}
 * ({@link UploadEndpoint}) into a directory beside the store's files.
 */
final class FileSystemUploadArea implements UploadArea {

    static final String PATH = "/uploads/";

    private final Path directory;
    private final Staging staging;
    private final FileAddresses addresses;

    FileSystemUploadArea(Path directory, Staging staging, FileAddresses addresses) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.staging = staging;
        this.addresses = addresses;
    }

    @Override
    public String uploadUrl(PendingUpload upload, String signature) {
        return addresses.service() + PATH + upload.uploadId() + "?expires=" + upload.expiresAt().getEpochSecond()
                + "&signature=" + signature;
    }

    /**
     * Keeps exactly {@code byteSize} bytes of {@code in} for the upload.
     *
     * @return false, keeping nothing, when more or fewer came
     */
    boolean receive(String uploadId, InputStream in, long byteSize) throws IOException {
        StagedFile staged;
        try {
            staged = staging.receive(in);
        } catch (RefusedImageException tooLarge) {
            return false;
        }
        if (staged.byteSize() != byteSize) {
            Files.deleteIfExists(staged.path());
            return false;
        }
        Files.move(staged.path(), pathOf(uploadId), StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    @Override
    public Optional<InputStream> open(String uploadId) throws IOException {
        try {
            return Optional.of(Files.newInputStream(pathOf(uploadId)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String uploadId) throws IOException {
        Files.deleteIfExists(pathOf(uploadId));
    }

    /** Upload ids are made by {@link StagedUploads}; checked again here so that nothing else becomes a path. */
    private Path pathOf(String uploadId) {
        if (!StagedUploads.isUploadId(uploadId)) {
            throw new IllegalArgumentException("Not an upload id: " + uploadId);
        }
        return directory.resolve(uploadId);
    }
}
