package dev.catalog.query.infrastructure;

/**
 * The state of one projection on this instance: its event processor and its dead-letter queue.
 *
 * <p>Both are always configured for every group of {@link ProjectionGroups}; the {@code ...Found} flags only
 * guard against a broken configuration. Without a processor, {@code running}, {@code error} and
 * {@code replaying} are false and {@code segments} 0; without a queue, both dead-letter counts are 0.
 *
 * @param name                 the processing group, e.g. {@value ProjectionGroups#PRODUCT_VIEW}
 * @param processorFound       whether a streaming event processor of that name exists
 * @param running              whether the processor is running
 * @param error                whether the processor is retrying a failed batch (it stays running meanwhile)
 * @param replaying            whether the processor is rebuilding the view after a reset
 * @param segments             segments of the processor's token claimed by this instance
 * @param deadLetterQueueFound whether the group has a dead-letter queue
 * @param deadLetters          events parked in the dead-letter queue, across all instances
 * @param deadLetterSequences  aggregates with parked events, whose views are stale until they are retried
 */
public record ProjectionStatus(String name, boolean processorFound, boolean running, boolean error,
                               boolean replaying, int segments, boolean deadLetterQueueFound, long deadLetters,
                               long deadLetterSequences) {
}
