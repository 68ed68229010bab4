-- Shared by every asynchronous processor of both sides, so it lives in platform; it keeps the version it had
-- when it was the query side's (V102), so databases migrated before the move validate unchanged.
-- Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue with DeadLetterSchema.defaultSchema()).
-- Column names as in Axon 4.13's DeadLetterSchema (note: "deadLetterIdentifier", "timestamp" and
-- "type" for the aggregate type); layout as in its GenericDeadLetterTableFactory, with bytea for
-- serialized data (never large objects) and a longer causeMessage: Axon's default enqueue policy
-- truncates cause messages to 1024 characters, more than the factory's varchar(255) holds.
CREATE TABLE deadletterentry (
    deadLetterIdentifier varchar(255) NOT NULL,
    processingGroup      varchar(255) NOT NULL,
    sequenceIdentifier   varchar(255) NOT NULL,
    sequenceIndex        bigint       NOT NULL,
    messageType          varchar(255) NOT NULL,
    eventIdentifier      varchar(255) NOT NULL,
    timestamp            varchar(255) NOT NULL,
    payloadType          varchar(255) NOT NULL,
    payloadRevision      varchar(255),
    payload              bytea        NOT NULL,
    metaData             bytea,
    type                 varchar(255),
    aggregateIdentifier  varchar(255),
    sequenceNumber       bigint,
    tokenType            varchar(255),
    token                bytea,
    enqueuedAt           varchar(255) NOT NULL,
    lastTouched          varchar(255),
    processingStarted    varchar(255),
    causeType            varchar(255),
    causeMessage         text,
    diagnostics          bytea,
    CONSTRAINT deadletterentry_pk PRIMARY KEY (deadLetterIdentifier),
    CONSTRAINT deadletterentry_sequence_index_uk UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);

CREATE INDEX deadletterentry_processing_group_idx ON deadletterentry (processingGroup);
CREATE INDEX deadletterentry_sequence_identifier_idx ON deadletterentry (processingGroup, sequenceIdentifier);
