package dev.catalog.gateway.files;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks upload URLs: an HMAC-SHA256 over the upload, its product, its declared type and size and its
 * expiry, so a URL whose any part was changed, or that was made up, is refused before anything is looked up.
 */
final class UploadSignatures {

    private final SecretKeySpec key;

    UploadSignatures(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("An upload signing key has at least 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    String sign(PendingUpload upload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] signature = mac.doFinal((upload.uploadId() + "\n" + upload.productId() + "\n" + upload.contentType()
                    + "\n" + upload.byteSize() + "\n" + upload.expiresAt().getEpochSecond())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** In constant time, so a forger learns nothing from how long the refusal took. */
    boolean verify(PendingUpload upload, String signature) {
        return signature != null && MessageDigest.isEqual(sign(upload).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
