package dev.catalog.query.infrastructure;

/**
 * The state of one event processor on this instance: an inline view projection, or an asynchronous processor
 * (the product-image cascade, ...) with its dead-letter queue.
 *
 * @param name                the processing group, e.g. {@value ProjectionGroups#PRODUCT_VIEW}
 * @param inline              whether it runs inside the commands' transactions (a subscribing processor); else it
 *                            follows the event store asynchronously
 * @param running             whether the processor is running
 * @param error               whether the processor is retrying a failed batch (it stays running meanwhile)
 * @param replaying           whether an asynchronous processor is replaying events after a reset
 * @param catchingUp          whether one of this instance's segments of an asynchronous processor has not yet reached
 *                            the head of the store since it was claimed or reset (Axon's "caught up")
 * @param segments            segments of an asynchronous processor's token claimed by this instance
 * @param deadLetters         events parked in its dead-letter queue, across all instances (0 without a queue)
 * @param deadLetterSequences aggregates with parked events
 * @param lag                 events between the head of the store and this instance's segments of an asynchronous
 *                            processor ({@code ProcessorLag}); null when inline or when it holds no segment here
 */
public record ProcessorStatus(String name, boolean inline, boolean running, boolean error, boolean replaying,
                              boolean catchingUp, int segments, long deadLetters, long deadLetterSequences, Long lag) {
}
