-- Test-only copy of the event store and token store tables. In the application they are owned by
-- the command side (db/migration/command); the query side's tests need them without depending on it.
CREATE TABLE domainevententry (
    globalIndex         BIGSERIAL    NOT NULL PRIMARY KEY,
    aggregateIdentifier varchar(255) NOT NULL,
    sequenceNumber      bigint       NOT NULL,
    type                varchar(255),
    eventIdentifier     varchar(255) NOT NULL UNIQUE,
    metaData            bytea,
    payload             bytea        NOT NULL,
    payloadRevision     varchar(255),
    payloadType         varchar(255) NOT NULL,
    timeStamp           varchar(255) NOT NULL,
    UNIQUE (aggregateIdentifier, sequenceNumber)
);

CREATE TABLE snapshotevententry (
    aggregateIdentifier varchar(255) NOT NULL,
    sequenceNumber      bigint       NOT NULL,
    type                varchar(255),
    eventIdentifier     varchar(255) NOT NULL UNIQUE,
    metaData            bytea,
    payload             bytea        NOT NULL,
    payloadRevision     varchar(255),
    payloadType         varchar(255) NOT NULL,
    timeStamp           varchar(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber)
);

CREATE TABLE tokenentry (
    processorName varchar(255) NOT NULL,
    segment       integer      NOT NULL,
    token         bytea,
    tokenType     varchar(255),
    timestamp     varchar(255),
    owner         varchar(255),
    PRIMARY KEY (processorName, segment)
);
