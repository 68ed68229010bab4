-- Events of an export staged by catalog-admin events import (StageImportedEventsCommand) until they are
-- imported together (ImportStagedEventsCommand). Unlogged: a crash empties it, and the import starts again.
CREATE UNLOGGED TABLE event_import (
    position        bigint       NOT NULL PRIMARY KEY,
    aggregate       varchar(255) NOT NULL,
    aggregate_type  varchar(255),
    sequence        bigint       NOT NULL,
    type            varchar(255) NOT NULL,
    revision        varchar(255),
    timestamp       varchar(255) NOT NULL,
    payload         bytea        NOT NULL,
    identifier      varchar(255) NOT NULL UNIQUE,
    metadata        bytea        NOT NULL,
    UNIQUE (aggregate, sequence)
);
