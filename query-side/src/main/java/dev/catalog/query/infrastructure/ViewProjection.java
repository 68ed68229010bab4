package dev.catalog.query.infrastructure;

/**
 * Marks the projection that writes a view of {@link ProjectionGroups#VIEWS}: the one handler of its processing
 * group (its {@code @ProcessingGroup}) that a rebuild and a verification replay the events through. Other handlers
 * of the same group are not replayed. Lets this package find the projections without naming their packages.
 */
public interface ViewProjection {
}
