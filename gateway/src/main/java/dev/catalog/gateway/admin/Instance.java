package dev.catalog.gateway.admin;

import dev.catalog.platform.processing.ProcessingNodes;
import dev.catalog.query.infrastructure.ProcessorPositions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The schema's {@code Instance}: an instance sharing the database, as its heartbeat and its claims show it. */
public record Instance(String name, List<String> roles, String startedAt, String heartbeatAt, boolean live,
                       boolean answering, int segments) {

    static Instance of(ProcessingNodes.Node node, String answering,
                       Map<String, List<ProcessorPositions.Segment>> positions) {
        int held = (int) positions.values().stream().flatMap(List::stream)
                .filter(segment -> Objects.equals(segment.owner(), node.node())).count();
        return new Instance(node.node(), Arrays.asList(node.roles().split(",")), node.startedAt().toString(),
                node.heartbeatAt().toString(), node.live(), node.node().equals(answering), held);
    }
}
