-- Axon Framework 4 JDBC event store (JdbcEventStorageEngine, default EventSchema) and token store
-- (JdbcTokenStore, default TokenSchema). Axon writes its column names mixed-case and unquoted, so
-- PostgreSQL folds them to the lowercase names below: never quote these identifiers.
--
-- Payloads and metadata are bytea, never oid: large objects leak in pg_largeobject.
-- Timestamps are ISO-8601 strings, as Axon's JDBC schema writes them.

CREATE TABLE domainevententry (
    -- bigserial: a sequence with increment 1, which Axon's gap detection relies on.
    globalindex         BIGSERIAL    NOT NULL,
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    CONSTRAINT domainevententry_pkey PRIMARY KEY (globalindex),
    -- Optimistic concurrency: two writers appending the same sequence number of one aggregate
    -- collide here; Axon reports that as a ConcurrencyException.
    CONSTRAINT domainevententry_aggregate_sequence_key UNIQUE (aggregateidentifier, sequencenumber),
    CONSTRAINT domainevententry_eventidentifier_key UNIQUE (eventidentifier)
);

CREATE TABLE snapshotevententry (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventidentifier     VARCHAR(255) NOT NULL,
    metadata            BYTEA,
    payload             BYTEA        NOT NULL,
    payloadrevision     VARCHAR(255),
    payloadtype         VARCHAR(255) NOT NULL,
    timestamp           VARCHAR(255) NOT NULL,
    CONSTRAINT snapshotevententry_pkey PRIMARY KEY (aggregateidentifier, sequencenumber),
    CONSTRAINT snapshotevententry_eventidentifier_key UNIQUE (eventidentifier)
);

-- Positions of every tracking / pooled streaming processor, command side and query side alike.
CREATE TABLE tokenentry (
    processorname VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BYTEA,
    tokentype     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    CONSTRAINT tokenentry_pkey PRIMARY KEY (processorname, segment)
);
