-- The history of every product and image (issue 28): one row per event, with who caused it, its request, and the
-- entity's state after it (null columns after a deletion). Written inline by the "product-history" and
-- "image-history" projections, rebuilt from the events like the views; a deleted entity keeps its rows.
CREATE TABLE product_change (
    product_id bigint      NOT NULL,
    version    bigint      NOT NULL,
    kind       text        NOT NULL,
    at         timestamptz NOT NULL,
    by         text        NOT NULL,
    request_id text,
    name       text,
    price      numeric(15, 2),
    status     text,
    created_at timestamptz,
    PRIMARY KEY (product_id, version)
);

CREATE TABLE image_change (
    image_id     bigint      NOT NULL,
    version      bigint      NOT NULL,
    kind         text        NOT NULL,
    at           timestamptz NOT NULL,
    by           text        NOT NULL,
    request_id   text,
    product_id   bigint      NOT NULL,
    url          text,
    priority     integer,
    content_type text,
    byte_size    bigint,
    width        integer,
    height       integer,
    created_at   timestamptz,
    PRIMARY KEY (image_id, version)
);

-- The images that were ever on a product, for a product's images as of a time.
CREATE INDEX image_change_product_idx ON image_change (product_id, image_id);
