package dev.catalog.gateway.files;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code image_upload} table, and the URL signing key of {@code upload_signing_key}: their only writer. */
class PendingUploads {

    private final JdbcClient jdbc;

    PendingUploads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(PendingUpload upload) {
        jdbc.sql("""
                        INSERT INTO image_upload (upload_id, product_id, content_type, byte_size, expires_at)
                        VALUES (:id, :product, :type, :size, :expires)""")
                .param("id", upload.uploadId()).param("product", upload.productId())
                .param("type", upload.contentType()).param("size", upload.byteSize())
                .param("expires", OffsetDateTime.ofInstant(upload.expiresAt(), ZoneOffset.UTC))
                .update();
    }

    Optional<PendingUpload> find(String uploadId) {
        return jdbc.sql("""
                        SELECT upload_id, product_id, content_type, byte_size, expires_at, received_at IS NOT NULL
                          FROM image_upload WHERE upload_id = :id""")
                .param("id", uploadId)
                .query((rs, row) -> new PendingUpload(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getBoolean(6)))
                .optional();
    }

    /** Marks the bytes received; false when they had come already (the URL was used) or the upload is gone. */
    boolean markReceived(String uploadId) {
        return jdbc.sql("UPDATE image_upload SET received_at = now() WHERE upload_id = :id AND received_at IS NULL")
                .param("id", uploadId).update() == 1;
    }

    /** Gives the URL back after a PUT whose bytes were refused, for the client to send them again. */
    void unmarkReceived(String uploadId) {
        jdbc.sql("UPDATE image_upload SET received_at = NULL WHERE upload_id = :id").param("id", uploadId).update();
    }

    /** Takes an upload away for its attachment, once: false when another request took it first. */
    boolean take(String uploadId) {
        return jdbc.sql("DELETE FROM image_upload WHERE upload_id = :id").param("id", uploadId).update() == 1;
    }

    /** Gives back an upload taken by an attachment that then failed, so that the client may attach it again. */
    void putBack(PendingUpload upload) {
        add(upload);
        if (upload.received()) {
            markReceived(upload.uploadId());
        }
    }

    /** Removes the uploads expired before {@code before}, and answers their ids. */
    List<String> removeExpired(Instant before) {
        return jdbc.sql("DELETE FROM image_upload WHERE expires_at < :before RETURNING upload_id")
                .param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
                .query(String.class).list();
    }

    /** The database's signing key, made on first use by whichever instance comes first. */
    byte[] signingKey() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("INSERT INTO upload_signing_key (key) VALUES (:key) ON CONFLICT (id) DO NOTHING")
                .param("key", fresh).update();
        return jdbc.sql("SELECT key FROM upload_signing_key").query(byte[].class).single();
    }
}
