package dev.catalog.gateway.admin;

import java.util.List;

/**
 * The schema's {@code DeadLetterRetry}: the outcome of one retry round.
 *
 * @param recovered   parked sequences (aggregates) processed successfully in this round
 * @param projections every projection's state after the round
 */
public record DeadLetterRetry(int recovered, List<Projection> projections) {
}
