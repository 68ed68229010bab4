-- Staged uploads (issue 26), written only by the gateway's files package (PendingUploads): each row an upload URL
-- handed out by createImageUpload, until createImage attaches its bytes or the sweeper removes it once expired.
CREATE TABLE image_upload (
    upload_id    text        NOT NULL PRIMARY KEY,
    product_id   bigint      NOT NULL,
    content_type text        NOT NULL,
    byte_size    bigint      NOT NULL CHECK (byte_size > 0),
    expires_at   timestamptz NOT NULL,
    -- null until the bytes were received (one PUT only); then when
    received_at  timestamptz
);

CREATE INDEX image_upload_expires_idx ON image_upload (expires_at);

-- The key that signs the upload URLs, made once per database so that every instance checks the others' URLs;
-- CATALOG_UPLOAD_SIGNING_KEY replaces it.
CREATE TABLE upload_signing_key (
    id  boolean NOT NULL PRIMARY KEY DEFAULT true CHECK (id),
    key bytea   NOT NULL
);
