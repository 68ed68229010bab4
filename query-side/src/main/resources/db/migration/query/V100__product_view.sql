-- Read view of products, written only by the "product-view" projection (query side).
-- version = sequence number of the last applied event + 1: upserts are guarded by it, so
-- a redelivered or older event never overwrites newer state.
CREATE TABLE product_view (
    id          bigint        NOT NULL PRIMARY KEY,
    name        text          NOT NULL,
    price       numeric(15,2) NOT NULL,
    status      text          NOT NULL,
    version     bigint        NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL,
    -- 'simple' configuration: no stemming and no stop words, so every word of a name is findable
    -- by prefix, whatever its language.
    name_tsv    tsvector GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED
);

CREATE INDEX product_view_name_tsv_idx ON product_view USING gin (name_tsv);

-- "Active products sorted by id" and keyset pages filtered by status.
CREATE INDEX product_view_status_id_idx ON product_view (status, id);
