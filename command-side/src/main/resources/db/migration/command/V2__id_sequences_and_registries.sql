-- Id allocation (ADR 0002): one sequence per aggregate type. nextval is never rolled back, so a
-- refused or failed command leaves a gap in the ids; that is accepted.
CREATE SEQUENCE product_id_seq INCREMENT BY 1 START WITH 1;
CREATE SEQUENCE image_id_seq INCREMENT BY 1 START WITH 1;

-- Set-based validation (ADR 0003). These tables are command-side state, written by the command
-- handlers in the same transaction that appends the events, so they never disagree with the
-- event store. They are not read models: queries never read them.

-- One row per product that is not deleted. name_key is the trimmed name lower-cased by the
-- command side (Java, Locale.ROOT), so product names are unique case-insensitively:
-- "Lamp" and "lamp" cannot both exist. Image creation takes a FOR SHARE lock on the product's
-- row so a concurrent product deletion waits for it.
CREATE TABLE product_registry (
    product_id BIGINT NOT NULL,
    name_key   TEXT   NOT NULL,
    CONSTRAINT product_registry_pkey PRIMARY KEY (product_id),
    CONSTRAINT product_registry_name_key_key UNIQUE (name_key)
);

-- One row per image that is not deleted. A url (trimmed, compared exactly) appears at most once
-- per product.
CREATE TABLE image_registry (
    image_id   BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    url        TEXT   NOT NULL,
    CONSTRAINT image_registry_pkey PRIMARY KEY (image_id),
    -- Its index leads with product_id, so it also serves "the images of product N" (the cascade
    -- on product deletion): a separate index on product_id alone would only duplicate it.
    CONSTRAINT image_registry_product_url_key UNIQUE (product_id, url)
);
