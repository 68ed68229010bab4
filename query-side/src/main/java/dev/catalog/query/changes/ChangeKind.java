package dev.catalog.query.changes;

/** What a change did to its entity. */
public enum ChangeKind {
    CREATED, UPDATED, DELETED
}
