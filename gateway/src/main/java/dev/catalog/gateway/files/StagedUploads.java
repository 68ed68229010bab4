package dev.catalog.gateway.files;

import dev.catalog.events.image.ImageFile;
import dev.catalog.files.ImageType;
import dev.catalog.graphql.error.BadUserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staged uploads, for files sent outside of GraphQL: {@link #create} hands out a signed URL that expires, bound to
 * a product, a declared type and a size; the client {@code PUT}s the bytes there; {@link #attach} then takes them,
 * once, into the image store for {@code createImage}. An upload never attached is removed once expired
 * ({@link #removeExpired}).
 */
public class StagedUploads {

    private static final Logger log = LoggerFactory.getLogger(StagedUploads.class);
    /** 32 random bytes, base64url: an id nobody guesses, and nothing else ever becomes a path or an object name. */
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** How long after its expiry an upload's bytes are kept, for a PUT that started just before it. */
    private static final Duration GRACE = Duration.ofMinutes(1);

    private final PendingUploads table;
    private final UploadArea area;
    private final UploadSignatures signatures;
    private final ImageUploads uploads;
    private final long maxBytes;
    private final Duration validity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    StagedUploads(PendingUploads table, UploadArea area, UploadSignatures signatures, ImageUploads uploads,
                  long maxBytes, Duration validity, Clock clock) {
        this.table = table;
        this.area = area;
        this.signatures = signatures;
        this.uploads = uploads;
        this.maxBytes = maxBytes;
        this.validity = validity;
        this.clock = clock;
    }

    /** What the client needs to send the bytes: the upload's id, the URL to PUT them to, and when it expires. */
    public record Ticket(String uploadId, String uploadUrl, Instant expiresAt) {
    }

    /**
     * A URL for the bytes of an image of {@code contentType} and exactly {@code byteSize} bytes, for the product (which
     * the caller checked exists).
     *
     * @throws BadUserInputException for a type the catalog does not take, or a size out of bounds
     */
    public Ticket create(long productId, String contentType, long byteSize) {
        ImageType type = ImageType.ofContentType(contentType).orElseThrow(() -> new BadUserInputException(
                "contentType", "An image is image/jpeg, image/png, image/gif or image/webp, not " + contentType + "."));
        if (byteSize < 1 || byteSize > maxBytes) {
            throw new BadUserInputException("byteSize", "An upload has 1 to " + maxBytes + " bytes, not " + byteSize
                    + ".");
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        PendingUpload upload = new PendingUpload(Base64.getUrlEncoder().withoutPadding().encodeToString(id),
                productId, type.contentType(), byteSize,
                clock.instant().plus(validity).truncatedTo(ChronoUnit.SECONDS), false);
        table.add(upload);
        return new Ticket(upload.uploadId(), area.uploadUrl(upload, signatures.sign(upload)), upload.expiresAt());
    }

    static boolean isUploadId(String uploadId) {
        return uploadId != null && UPLOAD_ID.matcher(uploadId).matches();
    }

    /** What a {@code PUT} of an upload's bytes came to; each refusal keeps nothing. */
    enum Receipt {
        RECEIVED, UNKNOWN, FORGED, EXPIRED, USED, WRONG_TYPE, WRONG_SIZE
    }

    /**
     * Receives the bytes of a {@code PUT} to an upload URL: its signature, expiry, declared type and length are
     * checked before a byte is read, and exactly the declared length is kept.
     */
    Receipt receive(FileSystemUploadArea target, String uploadId, long expires, String signature, String contentType,
                    long contentLength, InputStream body) throws IOException {
        Optional<PendingUpload> found = isUploadId(uploadId) ? table.find(uploadId) : Optional.empty();
        if (found.isEmpty()) {
            return Receipt.UNKNOWN;
        }
        PendingUpload upload = found.get();
        if (expires != upload.expiresAt().getEpochSecond() || !signatures.verify(upload, signature)) {
            return Receipt.FORGED;
        }
        if (!clock.instant().isBefore(upload.expiresAt())) {
            return Receipt.EXPIRED;
        }
        if (ImageType.ofContentType(contentType).map(ImageType::contentType).filter(upload.contentType()::equals)
                .isEmpty()) {
            return Receipt.WRONG_TYPE;
        }
        if (contentLength != upload.byteSize()) {
            return Receipt.WRONG_SIZE;
        }
        if (!table.markReceived(uploadId)) {
            return Receipt.USED;
        }
        if (!target.receive(uploadId, body, upload.byteSize())) {
            table.unmarkReceived(uploadId);
            return Receipt.WRONG_SIZE;
        }
        return Receipt.RECEIVED;
    }

    /** An upload's bytes taken into the image store, until the image that shows them is created or not. */
    public final class Attachment {

        private final PendingUpload upload;
        private final ImageFile file;

        private Attachment(PendingUpload upload, ImageFile file) {
            this.upload = upload;
            this.file = file;
        }

        public ImageFile file() {
            return file;
        }

        /** The image was created: the upload is done with. */
        public void done() {
            try {
                area.delete(upload.uploadId());
            } catch (IOException e) {
                log.warn("The bytes of attached upload {} could not be removed; they go at its expiry",
                        upload.uploadId(), e);
            }
        }

        /** The image was not created: the client may attach the upload again until it expires. */
        public void giveBack() {
            table.putBack(upload);
        }
    }

    /**
     * Takes the bytes of a received upload into the image store, once.
     *
     * @throws BadUserInputException (field {@code uploadId}) for an unknown, expired, unreceived or already attached
     *                               upload, one made for another product, or bytes that are not the declared image
     */
    public Attachment attach(String uploadId, long productId) {
        PendingUpload upload = (isUploadId(uploadId) ? table.find(uploadId) : Optional.<PendingUpload>empty())
                .orElseThrow(() -> refused("No upload " + uploadId + " is waiting: it was never made, was attached "
                        + "already, or expired."));
        if (!clock.instant().isBefore(upload.expiresAt())) {
            throw refused("The upload expired at " + upload.expiresAt() + ".");
        }
        if (upload.productId() != productId) {
            throw refused("The upload was made for product " + upload.productId() + ", not " + productId + ".");
        }
        if (!table.take(uploadId)) {
            throw refused("The upload is being attached by another request.");
        }
        try {
            Optional<InputStream> bytes = area.open(uploadId);
            if (bytes.isEmpty()) {
                throw refused("No bytes were sent for upload " + uploadId + " yet: PUT them to its uploadUrl first.");
            }
            ImageFile file;
            try (InputStream in = bytes.get()) {
                file = uploads.store(in, upload.contentType(), "uploadId");
            }
            if (file.byteSize() != upload.byteSize()) {
                throw refused("The upload has " + file.byteSize() + " bytes, not the " + upload.byteSize()
                        + " declared.");
            }
            return new Attachment(upload, file);
        } catch (IOException e) {
            table.putBack(upload);
            throw new UncheckedIOException("The upload could not be read", e);
        } catch (RuntimeException e) {
            table.putBack(upload);
            throw e;
        }
    }

    /** Removes the uploads expired a while ago, with their bytes; answers how many. */
    public int removeExpired() {
        List<String> expired = table.removeExpired(clock.instant().minus(GRACE));
        for (String uploadId : expired) {
            try {
                area.delete(uploadId);
            } catch (IOException e) {
                log.warn("The bytes of expired upload {} could not be removed", uploadId, e);
            }
        }
        return expired.size();
    }

    private static BadUserInputException refused(String message) {
        return new BadUserInputException("uploadId", message);
    }
}
