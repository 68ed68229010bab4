package dev.catalog.gateway.files;

import dev.catalog.events.image.ImageFile;
import dev.catalog.files.ImageProbe;
import dev.catalog.files.ImageStore;
import dev.catalog.files.ImageType;
import dev.catalog.files.ProbedImage;
import dev.catalog.files.RefusedImageException;
import dev.catalog.files.StagedFile;
import dev.catalog.files.Staging;
import dev.catalog.files.StoredFile;
import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.graphql.upload.FileUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Takes an uploaded image into the image store: staged within the byte limit while its SHA-256 is computed, its type
 * and size read from its header (never decoded), then kept under its content's key. What it refuses leaves nothing
 * behind.
 *
 * <p>The client's file name is never used, and its declared content type only to refuse bytes of another image type.
 */
public class ImageUploads {

    private final Staging staging;
    private final ImageProbe probe;
    private final ImageStore store;
    private final FileAddresses addresses;
    private final OrphanFiles orphans;

    ImageUploads(Staging staging, ImageProbe probe, ImageStore store, FileAddresses addresses, OrphanFiles orphans) {
        this.staging = staging;
        this.probe = probe;
        this.store = store;
        this.addresses = addresses;
        this.orphans = orphans;
    }

    /**
     * Keeps the file if it is an image the catalog takes.
     *
     * @throws BadUserInputException (field {@code file}) saying why the file is refused; nothing is stored then
     */
    public ImageFile store(FileUpload upload) {
        try (InputStream in = upload.open()) {
            return store(in, upload.declaredContentType(), "file");
        } catch (IOException e) {
            throw new UncheckedIOException("The upload could not be read", e);
        }
    }

    /**
     * Keeps the bytes of {@code in} if they are an image the catalog takes, of the {@code declaredType} when that is
     * one of them.
     *
     * @throws BadUserInputException (naming {@code field}) saying why the bytes are refused; nothing is stored then
     */
    ImageFile store(InputStream in, String declaredType, String field) {
        try {
            StagedFile staged = staging.receive(in);
            try {
                ProbedImage image = probe.probe(staged.path());
                requireDeclared(declaredType, image.type());
                orphans.storing(StoredFile.keyOf(staged.sha256(), image.type()));
                StoredFile stored = store.put(staged, image.type());
                return new ImageFile(stored.key(), image.type().contentType(), stored.byteSize(), stored.sha256(),
                        image.width(), image.height());
            } finally {
                Files.deleteIfExists(staged.path()); // gone already once stored
            }
        } catch (RefusedImageException e) {
            throw new BadUserInputException(field, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("The upload could not be stored", e);
        }
    }

    /** The address a stored file is fetched from. */
    public String urlOf(ImageFile file) {
        return addresses.of(file.key());
    }

    /** A declared image type must be the one the bytes are; any other declaration (or none) is left aside. */
    private static void requireDeclared(String declared, ImageType actual) throws RefusedImageException {
        Optional<ImageType> declaredType = ImageType.ofContentType(declared);
        if (declaredType.isPresent() && declaredType.get() != actual) {
            throw new RefusedImageException(RefusedImageException.Reason.NOT_AN_IMAGE, "The file is declared as "
                    + declaredType.get().contentType() + " but its bytes are " + actual.contentType() + ".");
        }
    }
}
