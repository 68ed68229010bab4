package dev.catalog.query.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where every asynchronous processor is in the event store, from the shared token store, so it covers every
 * instance: each segment's owner (the instance that claimed it, {@code pid@host}) and position as last stored (a
 * processor stores it with the events it handles, so a segment that only skipped events may show an older one).
 * Read only: nothing is claimed.
 */
@Component
public class ProcessorPositions {

    /** One segment of a processor; {@code owner} null when unclaimed, {@code position} null before its first event. */
    public record Segment(int segment, String owner, Long position) {
    }

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public ProcessorPositions(@Qualifier("readsJdbcClient") JdbcClient jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Every processor's segments, by processor name, in segment order. */
    public Map<String, List<Segment>> read() {
        Map<String, List<Segment>> byProcessor = new LinkedHashMap<>();
        jdbc.sql("SELECT processorname, segment, owner, token, tokentype FROM tokenentry ORDER BY processorname, segment")
                .query(rs -> {
                    byProcessor.computeIfAbsent(rs.getString(1), name -> new ArrayList<>()).add(new Segment(
                            rs.getInt(2), rs.getString(3), position(rs.getBytes(4), rs.getString(5))));
                });
        return byProcessor;
    }

    private Long position(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
        return tracking == null || tracking.position().isEmpty() ? null : tracking.position().getAsLong();
    }
}
