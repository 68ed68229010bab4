/**
 * How the views are kept and operated. The view projections run inline, in the commands' transactions
 * ({@link dev.catalog.query.infrastructure.ProjectionProcessingConfiguration}, ADR 15), writing through
 * {@link dev.catalog.query.infrastructure.ViewWrites}; a view is rebuilt beside the live one and switched in
 * ({@link dev.catalog.query.infrastructure.ViewRebuild}, ADR 20) and checked against the events
 * ({@link dev.catalog.query.infrastructure.ViewVerification}), both reading the store in pages
 * ({@link dev.catalog.query.infrastructure.EventPages}). The asynchronous processors' state
 * ({@link dev.catalog.query.infrastructure.ProcessorStatuses}, {@link dev.catalog.query.infrastructure.ProcessorRates}),
 * dead letters ({@link dev.catalog.query.infrastructure.DeadLetterRetrier}) and replays
 * ({@link dev.catalog.query.infrastructure.ProcessorReplay}) are reported by a health indicator and metrics, and read
 * by the gateway's administrative operations.
 */
package dev.catalog.query.infrastructure;
