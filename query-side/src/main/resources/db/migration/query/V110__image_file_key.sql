-- The stored file an uploaded image shows (issue 26): the image store's key, null for an image given as a URL. The
-- collection of unreferenced files (the gateway's OrphanFiles) keeps every file a row here names.
ALTER TABLE image_view ADD COLUMN file_key text;

CREATE INDEX image_view_file_key_idx ON image_view (file_key) WHERE file_key IS NOT NULL;
