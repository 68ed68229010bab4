package dev.catalog.gateway.admin;

import dev.catalog.query.infrastructure.ViewRebuild;

/** The schema's {@code ProjectionRebuild}: where a blue/green rebuild of a view is, or how the last one went. */
public record ProjectionRebuild(String projection, String state, int position, int head, int eventsDone,
                                double eventsPerSecond, boolean running, boolean aborting, String failure,
                                String startedAt, String updatedAt, Integer heldBackMillis) {

    static ProjectionRebuild of(ViewRebuild.Progress progress) {
        return new ProjectionRebuild(progress.projection(), progress.state().name(), Projection.toInt(progress.position()),
                Projection.toInt(progress.head()), Projection.toInt(progress.eventsDone()), progress.eventsPerSecond(),
                progress.running(), progress.aborting(), progress.failure(), progress.startedAt().toString(),
                progress.updatedAt().toString(),
                progress.heldBackMillis() == null ? null : Projection.toInt(progress.heldBackMillis()));
    }
}
