-- Persisted documents (issue 27), written only by the gateway's persisted package (JdbcDocumentStore): the documents
-- of automatic persisted queries under their SHA-256, and those of trusted manifests under their ids (and hashes).
-- Shared by every instance; bounded by catalog.persisted.max-documents.
CREATE TABLE persisted_document (
    id            text        NOT NULL PRIMARY KEY,
    document      text        NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now()
);
