package dev.catalog.gateway.admin;

import dev.catalog.gateway.security.RequiresAdmin;
import dev.catalog.platform.processing.ProcessingNodes;
import dev.catalog.query.infrastructure.ProcessorPositions;
import java.util.List;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** The instances sharing the database: their roles, their heartbeats and the segments each holds. */
@Controller
class InstanceController {

    private final ProcessingNodes nodes;
    private final ProcessorPositions positions;

    InstanceController(ProcessingNodes nodes, ProcessorPositions positions) {
        this.nodes = nodes;
        this.positions = positions;
    }

    @QueryMapping
    @RequiresAdmin
    List<Instance> instances() {
        var held = positions.read();
        String answering = nodes.instance().value();
        return nodes.nodes().stream().map(node -> Instance.of(node, answering, held)).toList();
    }
}
