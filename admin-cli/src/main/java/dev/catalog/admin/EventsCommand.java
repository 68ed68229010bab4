package dev.catalog.admin;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code events export|tail|replay}: the event store, read out, followed, or re-delivered to one processor. */
@Command(name = "events", mixinStandardHelpOptions = true, description = "The event store.",
        subcommands = {EventsCommand.Export.class, EventsCommand.Tail.class, EventsCommand.Replay.class})
final class EventsCommand {

    static final String PAGE = """
            query($after: Int!, $first: Int!, $aggregate: String) {
              events(after: $after, first: $first, aggregate: $aggregate) {
                position aggregate aggregateType sequence type revision timestamp payload
              }
            }""";
    static final int PAGE_SIZE = 1000;

    @ParentCommand
    CatalogAdmin admin;

    /** Up to {@value #PAGE_SIZE} stored events after {@code after}. */
    JsonNode page(long after, String aggregate) {
        Map<String, Object> variables = CatalogAdmin.variable("aggregate", aggregate);
        variables.put("after", after);
        variables.put("first", PAGE_SIZE);
        return admin.client().execute(PAGE, variables).get("events");
    }

    /** One NDJSON line: the event with its payload as a JSON object, not a string. */
    static String line(JsonNode event) {
        ObjectNode line = AdminClient.JSON.createObjectNode();
        for (String field : List.of("position", "aggregate", "aggregateType", "sequence", "type", "revision", "timestamp")) {
            line.set(field, event.get(field));
        }
        line.set("payload", AdminClient.JSON.readTree(event.get("payload").asString()));
        return AdminClient.JSON.writeValueAsString(line);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes stored events as NDJSON, one per line, in position order: position, aggregate, "
                    + "aggregateType, sequence, type, revision, timestamp and payload."})
    static final class Export implements Callable<Integer> {

        @ParentCommand
        EventsCommand events;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", paramLabel = "POSITION", defaultValue = "1", description = "The first position (default: ${DEFAULT-VALUE}).")
        long from;

        @Option(names = "--to", paramLabel = "POSITION", description = "The last position (default: the head of the store).")
        Long to;

        @Option(names = "--aggregate", paramLabel = "ID", description = "Only this aggregate's, e.g. product-7.")
        String aggregate;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write; - for standard output.")
        String out;

        @Override
        public Integer call() throws IOException {
            if (from < 1 || (to != null && to < from)) {
                throw new ParameterException(spec.commandLine(), "--from is 1 or more, and --to is at least --from");
            }
            long written = 0;
            long after = from - 1;
            boolean toStandardOutput = out.equals("-");
            Writer writer = toStandardOutput ? spec.commandLine().getOut()
                    : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8);
            try {
                page:
                while (true) {
                    JsonNode page = events.page(after, aggregate);
                    for (JsonNode event : page) {
                        if (to != null && event.get("position").asLong() > to) {
                            break page;
                        }
                        writer.write(line(event));
                        writer.write('\n');
                        written++;
                        after = event.get("position").asLong();
                    }
                    if (page.size() < PAGE_SIZE) {
                        break;
                    }
                }
            } finally {
                if (toStandardOutput) {
                    writer.flush();
                } else {
                    writer.close();
                }
            }
            if (!toStandardOutput) {
                spec.commandLine().getErr().printf("exported %d events to %s%n", written, out);
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = {"Follows the store live, one line per event, until interrupted.",
                    "Starts at the head of the store, or after --from."})
    static final class Tail implements Callable<Integer> {

        /** How far behind its position the tail reads again, for events that committed late below it. */
        static final int WINDOW = 200;

        @ParentCommand
        EventsCommand events;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", paramLabel = "POSITION", description = "Show the events after this position first.")
        Long from;

        @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "500", description = "Pause between reads (default: ${DEFAULT-VALUE} ms).")
        long poll;

        @Option(names = "--count", paramLabel = "N", description = "Stop after N events (default: never).")
        Long count;

        @Override
        public Integer call() throws InterruptedException {
            long start = from != null ? from : head();
            long high = start;
            NavigableSet<Long> shown = new TreeSet<>();
            long printed = 0;
            var out = spec.commandLine().getOut();
            while (count == null || printed < count) {
                JsonNode page = events.page(Math.max(start, high - WINDOW), null);
                for (JsonNode event : page) {
                    long at = event.get("position").asLong();
                    if (!shown.add(at)) {
                        continue; // shown by an earlier read of the window
                    }
                    if (events.admin.json) {
                        out.println(line(event));
                    } else {
                        out.printf("%d  %s #%d  %s  %s%n", at, event.get("aggregate").asString(),
                                event.get("sequence").asInt(), event.get("type").asString(),
                                event.get("timestamp").asString());
                    }
                    out.flush();
                    high = Math.max(high, at);
                    if (count != null && ++printed >= count) {
                        return 0;
                    }
                }
                shown.headSet(high - WINDOW, true).clear();
                if (page.size() < PAGE_SIZE) {
                    Thread.sleep(poll);
                }
            }
            return 0;
        }

        private long head() {
            return events.admin.client().execute("{ eventStoreHead }", Map.of()).get("eventStoreHead").asLong();
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Re-delivers the stored events, from a position on, to one asynchronous processor and to no "
                    + "other, e.g. --to kafka-publisher to publish them again.",
                    "The processor must not be running a segment on another instance."})
    static final class Replay implements Callable<Integer> {

        @ParentCommand
        EventsCommand events;

        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "PROCESSOR", description = "The processor, e.g. kafka-publisher.")
        String processor;

        @Option(names = "--from", paramLabel = "POSITION", defaultValue = "0",
                description = "The global position of the first event to re-deliver (default: ${DEFAULT-VALUE}, all).")
        int from;

        @Override
        public Integer call() {
            Map<String, Object> variables = new HashMap<>();
            variables.put("processor", processor);
            variables.put("from", from);
            JsonNode replay = events.admin.client().execute("""
                    mutation($processor: String!, $from: Int) {
                      replayEvents(processor: $processor, fromPosition: $from) { processor fromPosition }
                    }""", variables).get("replayEvents");
            events.admin.print(spec, replay, out -> out.printf("%s replays the events from position %d%n",
                    replay.get("processor").asString(), replay.get("fromPosition").asInt()));
            return 0;
        }
    }
}
