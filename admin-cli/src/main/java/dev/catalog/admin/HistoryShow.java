package dev.catalog.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code events show product/7}: an entity's history, newest first, as a table (or JSON with {@code --json}). */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "An entity's changes, newest first: version, kind, when, who, request and the fields changed.")
final class HistoryShow implements Callable<Integer> {

    private static final Pattern ENTITY = Pattern.compile("(product|image)/([1-9][0-9]{0,17})");

    @ParentCommand
    EventsCommand events;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ENTITY", description = "product/ID or image/ID.")
    String entity;

    @Override
    public Integer call() {
        Matcher matcher = ENTITY.matcher(entity);
        if (!matcher.matches()) {
            throw new AdminException("name the entity as product/ID or image/ID, not " + entity);
        }
        String field = matcher.group(1) + "History";
        List<JsonNode> changes = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = events.admin.client().execute("query($id: Int!, $after: String) { " + field
                    + "(id: $id, first: 100, after: $after) { edges { cursor node { version kind at by correlationId "
                    + "changes { field from to } } } pageInfo { hasNextPage endCursor } } }",
                    after == null ? Map.of("id", Long.parseLong(matcher.group(2)))
                            : Map.of("id", Long.parseLong(matcher.group(2)), "after", after)).get(field);
            page.get("edges").forEach(edge -> changes.add(edge.get("node")));
            after = page.at("/pageInfo/hasNextPage").asBoolean() ? page.at("/pageInfo/endCursor").asString() : null;
        } while (after != null);
        events.admin.print(spec, AdminClient.JSON.valueToTree(changes), out -> {
            if (changes.isEmpty()) {
                out.println("no changes of " + entity);
                return;
            }
            out.printf("%-7s %-8s %-24s %-20s %-36s %s%n", "VERSION", "KIND", "AT", "BY", "REQUEST", "CHANGES");
            for (JsonNode change : changes) {
                List<String> fields = new ArrayList<>();
                change.get("changes").forEach(set -> fields.add(set.get("field").asString() + ": "
                        + text(set.get("from")) + " -> " + text(set.get("to"))));
                out.printf("%-7d %-8s %-24s %-20s %-36s %s%n", change.get("version").asLong(),
                        change.get("kind").asString(), change.get("at").asString(), change.get("by").asString(),
                        change.get("correlationId").isNull() ? "-" : change.get("correlationId").asString(),
                        String.join(", ", fields));
            }
        });
        return 0;
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "-" : value.asString();
    }
}
