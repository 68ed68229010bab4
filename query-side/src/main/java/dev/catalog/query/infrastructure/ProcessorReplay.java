package dev.catalog.query.infrastructure;

import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.stereotype.Component;

/**
 * Re-delivers the events of the store, from a position on, to one asynchronous processor (such as the Kafka
 * publisher), and to no other: its position is moved back, the others' are untouched. The processor is stopped on
 * this instance, reset, and started again; the reset needs every segment of it, so it fails while another
 * instance holds one ({@link Outcome#HELD_ELSEWHERE}). Inline view projections have no position to move: they are
 * rebuilt instead ({@link ViewRebuild}).
 */
@Component
public class ProcessorReplay {

    private final EventProcessingConfiguration processing;

    public ProcessorReplay(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** What a replay request came to. */
    public enum Outcome { STARTED, NO_SUCH_PROCESSOR, INLINE, HELD_ELSEWHERE }

    /**
     * @param processor    the processor's name, e.g. {@code kafka-publisher}
     * @param fromPosition the global position of the first event to re-deliver; empty: the first event of the store
     */
    public Outcome replay(String processor, Optional<Long> fromPosition) {
        Optional<EventProcessor> found = processing.eventProcessor(processor);
        if (found.isEmpty()) {
            return Outcome.NO_SUCH_PROCESSOR;
        }
        if (!(found.get() instanceof StreamingEventProcessor streaming)) {
            return Outcome.INLINE;
        }
        streaming.shutDown();
        try {
            if (fromPosition.isEmpty() || fromPosition.get() <= 0) {
                streaming.resetTokens();
            } else {
                TrackingToken before = GapAwareTrackingToken.newInstance(fromPosition.get() - 1, java.util.Set.of());
                streaming.resetTokens(source -> before);
            }
            return Outcome.STARTED;
        } catch (UnableToClaimTokenException e) {
            return Outcome.HELD_ELSEWHERE;
        } finally {
            streaming.start();
        }
    }
}
