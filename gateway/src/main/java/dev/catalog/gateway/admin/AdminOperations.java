package dev.catalog.gateway.admin;

import java.util.Set;

/**
 * The root fields of {@code graphql/admin.graphqls}, every one behind {@code RequiresAdmin}. An operation made of
 * these only, sent by an administrator, may run for as long as {@code catalog.graphql.admin-timeout}: an import or the
 * verification of a large store rightly takes minutes.
 */
public final class AdminOperations {

    public static final Set<String> FIELDS = Set.of("projections", "instances", "deadLetters", "events", "eventStoreHead",
            "verifyProjection", "projectionRebuild", "retryDeadLetters", "evictDeadLetter", "replayEvents",
            "rebuildProjection", "abortProjectionRebuild", "stageEventImport", "finishEventImport",
            "persistedDocuments", "loadPersistedManifest");

    private AdminOperations() {
    }
}
