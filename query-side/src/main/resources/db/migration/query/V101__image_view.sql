-- Read view of images, written only by the "image-view" projection (query side).
-- No foreign key to product_view: the two views are written by independent processors, in any
-- order. Queries hide images whose product is not (or no longer) in product_view.
CREATE TABLE image_view (
    id          bigint      NOT NULL PRIMARY KEY,
    product_id  bigint      NOT NULL,
    url         text        NOT NULL,
    priority    integer     NOT NULL,
    version     bigint      NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- A product's images in display order (priority DESC, id ASC).
CREATE INDEX image_view_product_priority_idx ON image_view (product_id, priority DESC, id);
