-- What an uploaded image's file is (issue 26): null for an image given as a URL. Written by the "image-view"
-- projection from the file metadata of ImageCreatedEvent, cleared when an update gives the image another url.
ALTER TABLE image_view
    ADD COLUMN content_type text,
    ADD COLUMN byte_size    bigint,
    ADD COLUMN width        integer,
    ADD COLUMN height       integer;
