-- A blue/green rebuild of a read view in progress (ViewRebuild): the new table is built in schema
-- catalog_rebuild beside the live one, and this row says how far it got, written in the same
-- transaction as each page of rows, so a rebuild interrupted by a crash resumes where it stopped.
-- The transaction that switches the new table in marks the row DONE (it stays, as the record of the last
-- rebuild, until the next one); aborting a rebuild deletes it.
CREATE TABLE view_rebuild (
    projection   text        NOT NULL PRIMARY KEY,  -- product-view or image-view
    position     bigint      NOT NULL,              -- global index of the last event read
    gaps         bigint[]    NOT NULL,              -- positions below it not yet committed when read
    events_done  bigint      NOT NULL,              -- events read since the rebuild started
    head         bigint      NOT NULL,              -- head of the store when last looked at
    state        text        NOT NULL,              -- BUILDING, INDEXING, SWITCHING, FAILED, DONE
    aborting     boolean     NOT NULL DEFAULT false,
    failure      text,
    started_at   timestamptz NOT NULL,
    resumed_at   timestamptz NOT NULL,              -- when it was last started or resumed
    resumed_done bigint      NOT NULL,              -- events_done then: the rate is measured since
    updated_at   timestamptz NOT NULL,
    held_back_ms bigint                             -- DONE: how long the switch held the view's writers back
);

CREATE SCHEMA IF NOT EXISTS catalog_rebuild;
CREATE SCHEMA IF NOT EXISTS catalog_retired;
