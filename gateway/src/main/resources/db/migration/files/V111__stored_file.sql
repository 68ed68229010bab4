-- Every file the image store was given (originals and variants), and when it was last given it: written only by
-- the gateway's files package (OrphanFiles). A file no image names any more is removed once its row is older than
-- the grace period; giving the same content again renews the row first, under its lock, so a file an image is
-- about to name is never removed.
CREATE TABLE stored_file (
    key       text        NOT NULL PRIMARY KEY,
    stored_at timestamptz NOT NULL
);
