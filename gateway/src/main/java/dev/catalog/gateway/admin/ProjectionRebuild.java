package dev.catalog.gateway.admin;

import dev.catalog.query.infrastructure.ViewRebuild;

/** The schema's {@code ProjectionRebuild}: where a blue/green rebuild of a view is. */
public record ProjectionRebuild(String projection, String state, int position, int head, int eventsDone,
                                double eventsPerSecond, boolean running, boolean aborting, String failure,
                                String startedAt, String updatedAt) {

    static ProjectionRebuild of(ViewRebuild.Progress progress) {
        return new ProjectionRebuild(progress.projection(), progress.state().name(), Projection.toInt(progress.position()),
                Projection.toInt(progress.head()), Projection.toInt(progress.eventsDone()), progress.eventsPerSecond(),
                progress.running(), progress.aborting(), progress.failure(), progress.startedAt().toString(),
                progress.updatedAt().toString());
    }
}
