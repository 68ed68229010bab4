package dev.catalog.query.history;

import java.time.Instant;
import java.util.List;

/**
 * One change of an entity, as its history lists it.
 *
 * @param version       the entity's version after the change
 * @param kind          {@code CREATED}, {@code UPDATED} or {@code DELETED}
 * @param by            who caused it: a token's subject, {@code local}, {@code anonymous}, or {@code unknown}
 * @param correlationId the id of the request that caused it (shared by every change it caused); null when unknown
 * @param changes       the fields it changed, with their values before and after
 * @param state         the entity after the change; null after a deletion
 */
public record Change<T>(long version, String kind, Instant at, String by, String correlationId,
                        List<FieldChange> changes, T state) {

    /** A field a change set: its name, and its values before and after (as text, null when absent). */
    public record FieldChange(String field, String from, String to) {
    }
}
