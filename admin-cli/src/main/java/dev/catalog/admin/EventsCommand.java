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
        subcommands = {EventsCommand.Export.class, EventsCommand.Import.class, EventsCommand.Tail.class,
                EventsCommand.Replay.class, HistoryShow.class})
final class EventsCommand {

    static final String PAGE = """
            query($after: Int!, $first: Int!, $aggregate: String) {
              events(after: $after, first: $first, aggregate: $aggregate) {
                position aggregate aggregateType sequence type revision timestamp payload id metadata
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

    /** One NDJSON line: the event with its payload and metadata as JSON objects, not strings. */
    static String line(JsonNode event) {
        ObjectNode line = AdminClient.JSON.createObjectNode();
        for (String field : List.of("position", "aggregate", "aggregateType", "sequence", "type", "revision", "timestamp")) {
            line.set(field, event.get(field));
        }
        line.set("payload", AdminClient.JSON.readTree(event.get("payload").asString()));
        line.set("id", event.get("id"));
        if (event.hasNonNull("metadata")) {
            line.set("metadata", AdminClient.JSON.readTree(event.get("metadata").asString()));
        }
        return AdminClient.JSON.writeValueAsString(line);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes stored events as NDJSON, one per line, in position order: position, aggregate, "
                    + "aggregateType, sequence, type, revision, timestamp, payload, id and metadata.",
                    "events import restores such a file into an empty store."})
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

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Restores an export (events export) into an empty store: every event as it was (position, "
                    + "id, timestamp, metadata), the registries and id sequences rebuilt from them, then both views.",
                    "The whole file is checked first (JSON, fields, increasing positions, sequences from 0 without a "
                            + "gap), then by the service page by page, before anything is written; the events are "
                            + "stored in one transaction at the end. A non-empty store is refused unless --force."})
    static final class Import implements Callable<Integer> {

        /** A page's variables stay well under the service's request body limit (64 KB by default). */
        static final int PAGE_CHARACTERS = 40_000;
        static final int PAGE_EVENTS = 500;

        @ParentCommand
        EventsCommand events;

        @Spec
        CommandSpec spec;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The export to restore; - for standard input.")
        String in;

        @Option(names = "--force", description = "Replace a store that is not empty: its events, registries, processor "
                + "positions and dead letters. Stop the other instances first.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            List<ObjectNode> read = read();
            AdminClient client = events.admin.client();
            long head = client.execute("{ eventStoreHead }", Map.of()).get("eventStoreHead").asLong();
            if (head > 0 && !force) {
                throw new AdminException("the event store is not empty (head at position " + head
                        + "): events import restores into an empty store; --force replaces it");
            }
            List<ObjectNode> page = new java.util.ArrayList<>();
            int characters = 0;
            boolean first = true;
            for (ObjectNode event : read) {
                int size = event.toString().length();
                if (!page.isEmpty() && (characters + size > PAGE_CHARACTERS || page.size() == PAGE_EVENTS)) {
                    stage(client, page, first);
                    first = false;
                    page.clear();
                    characters = 0;
                }
                page.add(event);
                characters += size;
            }
            stage(client, page, first);
            Map<String, Object> variables = CatalogAdmin.variable("force", force);
            JsonNode done = client.execute("mutation($force: Boolean) { finishEventImport(force: $force) { events "
                    + "products images } }", variables).get("finishEventImport");
            events.admin.print(spec, done, out -> out.printf("imported %d events (%d products, %d images); views "
                    + "rebuilt%n", done.get("events").asLong(), done.get("products").asLong(), done.get("images").asLong()));
            return 0;
        }

        private void stage(AdminClient client, List<ObjectNode> page, boolean restart) {
            Map<String, Object> variables = CatalogAdmin.variable("events", page);
            variables.put("restart", restart);
            client.execute("mutation($events: [ImportedEventInput!]!, $restart: Boolean) { "
                    + "stageEventImport(events: $events, restart: $restart) }", variables);
        }

        /** The whole file as the service's input, or a refusal naming the first bad line. */
        private List<ObjectNode> read() throws IOException {
            List<String> lines = in.equals("-")
                    ? new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().toList()
                    : Files.readAllLines(Path.of(in), StandardCharsets.UTF_8);
            List<ObjectNode> read = new java.util.ArrayList<>();
            Map<String, Long> sequences = new HashMap<>();
            long last = 0;
            int number = 0;
            for (String text : lines) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                String at = in + ":" + number + ": ";
                JsonNode line;
                try {
                    line = AdminClient.JSON.readTree(text);
                } catch (RuntimeException e) {
                    throw new AdminException(at + "not a JSON object; nothing was imported");
                }
                for (String field : List.of("position", "sequence")) {
                    if (!line.path(field).isIntegralNumber()) {
                        throw new AdminException(at + "no " + field + "; nothing was imported");
                    }
                }
                for (String field : List.of("aggregate", "type", "timestamp")) {
                    if (!line.path(field).isString()) {
                        throw new AdminException(at + "no " + field + "; nothing was imported");
                    }
                }
                if (!line.path("payload").isObject()) {
                    throw new AdminException(at + "no payload object; nothing was imported");
                }
                long position = line.get("position").asLong();
                if (position <= last) {
                    throw new AdminException(at + "position " + position + " is not after " + last
                            + ": the file is out of order; nothing was imported");
                }
                last = position;
                String aggregate = line.get("aggregate").asString();
                long expected = sequences.getOrDefault(aggregate, 0L);
                if (line.get("sequence").asLong() != expected) {
                    throw new AdminException(at + aggregate + " has sequence " + line.get("sequence").asLong()
                            + " where " + expected + " comes next; nothing was imported");
                }
                sequences.put(aggregate, expected + 1);
                ObjectNode event = AdminClient.JSON.createObjectNode();
                for (String field : List.of("position", "aggregate", "aggregateType", "sequence", "type", "revision",
                        "timestamp", "id")) {
                    if (line.hasNonNull(field)) {
                        event.set(field, line.get(field));
                    }
                }
                event.put("payload", AdminClient.JSON.writeValueAsString(line.get("payload")));
                if (line.path("metadata").isObject()) {
                    event.put("metadata", AdminClient.JSON.writeValueAsString(line.get("metadata")));
                }
                read.add(event);
            }
            if (read.isEmpty()) {
                throw new AdminException(in + ": no events; nothing was imported");
            }
            return read;
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
