-- Resized variants of stored image files (issue 26), written only by the gateway's files package (ImageVariants):
-- the file a variant was made from and its bounds (0 = unbounded), and the stored file of the variant. A variant is
-- made on its first request and looked up here after.
CREATE TABLE image_variant (
    original_key text    NOT NULL,
    max_width    integer NOT NULL,
    max_height   integer NOT NULL,
    variant_key  text    NOT NULL,
    width        integer NOT NULL,
    height       integer NOT NULL,
    PRIMARY KEY (original_key, max_width, max_height)
);
