-- Every running instance, refreshed every few seconds (dev.catalog.platform.processing.ProcessingNodes): the
-- instances that run the processors divide each asynchronous processor's segments between them by this table, and
-- catalog-admin lists it. A row whose heartbeat stopped is an instance that died or was cut off; it is removed after
-- a minute. Owned by ProcessingNodes alone.
CREATE TABLE processing_node (
    node         varchar(255) PRIMARY KEY,
    roles        varchar(64)  NOT NULL,
    started_at   timestamptz  NOT NULL,
    heartbeat_at timestamptz  NOT NULL
);
