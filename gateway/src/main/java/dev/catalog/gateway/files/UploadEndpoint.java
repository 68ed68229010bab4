package dev.catalog.gateway.files;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where clients {@code PUT} the bytes of a staged upload when the embedded image store keeps the files: the URL that
 * {@code createImageUpload} handed out, with the declared {@code Content-Type} and {@code Content-Length}. The URL is
 * the credential (signed, expiring, good for one PUT), so no token is asked.
 */
@RestController
@ConditionalOnProperty(name = "catalog.files.store", havingValue = "filesystem", matchIfMissing = true)
class UploadEndpoint {

    private final StagedUploads uploads;
    private final FileSystemUploadArea area;

    UploadEndpoint(StagedUploads uploads, FileSystemUploadArea area) {
        this.uploads = uploads;
        this.area = area;
    }

    @PutMapping(FileSystemUploadArea.PATH + "{uploadId}")
    ResponseEntity<Map<String, String>> put(@PathVariable String uploadId,
                                            @RequestParam(defaultValue = "0") long expires,
                                            @RequestParam(required = false) String signature,
                                            HttpServletRequest request) throws IOException {
        StagedUploads.Receipt receipt = uploads.receive(area, uploadId, expires, signature, request.getContentType(),
                request.getContentLengthLong(), request.getInputStream());
        return switch (receipt) {
            case RECEIVED -> ResponseEntity.ok(Map.of("uploadId", uploadId));
            case UNKNOWN -> refused(HttpStatus.NOT_FOUND, "No such upload: it was never made, was attached, or "
                    + "expired.");
            case FORGED -> refused(HttpStatus.FORBIDDEN, "The upload URL's signature does not match.");
            case EXPIRED -> refused(HttpStatus.FORBIDDEN, "The upload URL expired.");
            case USED -> refused(HttpStatus.CONFLICT, "The bytes of this upload were sent already.");
            case WRONG_TYPE -> refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the bytes with the Content-Type "
                    + "declared when the upload was made.");
            case WRONG_SIZE -> refused(HttpStatus.BAD_REQUEST, "Send exactly the byteSize declared when the upload "
                    + "was made, with its Content-Length.");
        };
    }

    private static ResponseEntity<Map<String, String>> refused(HttpStatus status, String message) {
        // The body may be unread: the connection is closed rather than drained.
        return ResponseEntity.status(status).header(HttpHeaders.CONNECTION, "close")
                .body(Map.of("code", status.name(), "message", message));
    }
}
