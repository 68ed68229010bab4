/**
 * How projections run: pooled streaming processors whose tokens live in the JDBC token store and
 * commit in the same database transaction as the view rows; errors propagate (never skipped) and
 * poisoned events are parked in Axon's JDBC dead-letter queue, retried periodically (or on demand,
 * {@link dev.catalog.query.infrastructure.DeadLetterRetrier#retryAll()}); the state of every projection
 * ({@link dev.catalog.query.infrastructure.ProjectionStatuses}) is reported by a health indicator and read
 * by the gateway's administrative operations.
 *
 * <p>See {@link dev.catalog.query.infrastructure.ProjectionProcessingConfiguration} and ADR 0004.
 */
package dev.catalog.query.infrastructure;
