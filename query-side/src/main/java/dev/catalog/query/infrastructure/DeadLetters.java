package dev.catalog.query.infrastructure;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The parked events of every asynchronous processor, as operators see them: listed from the shared dead-letter
 * table (all instances), and evicted one by one when they are never to be processed. Retrying is
 * {@link DeadLetterRetrier}'s.
 */
@Component
public class DeadLetters {

    /**
     * One parked event.
     *
     * @param id        the letter's identifier, for {@link #evict}
     * @param processor the processing group that parked it
     * @param sequence  the sequence it holds up (the aggregate), and its place in it ({@code index}, lowest first)
     * @param eventType the event's payload type
     * @param enqueuedAt when it was parked; {@code lastTouched} when it was last retried
     * @param cause     the failure's type and message
     */
    public record Letter(String id, String processor, String sequence, long index, String eventType, String aggregate,
                         String enqueuedAt, String lastTouched, String cause) {
    }

    private final JdbcClient jdbc;

    public DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} letters, by processor, then sequence, oldest first; only {@code processor}'s if given. */
    public List<Letter> list(Optional<String> processor, int limit) {
        return jdbc.sql("""
                        SELECT deadLetterIdentifier, processingGroup, sequenceIdentifier, sequenceIndex, payloadType,
                               aggregateIdentifier, enqueuedAt, lastTouched, causeType, causeMessage
                          FROM deadletterentry
                         WHERE CAST(:processor AS varchar) IS NULL OR processingGroup = :processor
                         ORDER BY processingGroup, sequenceIdentifier, sequenceIndex
                         LIMIT :limit""")
                .param("processor", processor.orElse(null))
                .param("limit", limit)
                .query((rs, row) -> new Letter(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9) == null ? null : rs.getString(9) + ": " + rs.getString(10)))
                .list();
    }

    /** Drops the letter for good: its processor never handles that event. False when there is no such letter. */
    public boolean evict(String id) {
        return jdbc.sql("DELETE FROM deadletterentry WHERE deadLetterIdentifier = :id").param("id", id).update() == 1;
    }
}
