package dev.catalog.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code projections list} and {@code projections status NAME}: the event processors of the instance asked. */
@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "The event processors of the instance asked: inline view projections and asynchronous processors.",
        subcommands = {ProjectionsCommand.List.class, ProjectionsCommand.Status.class, ProjectionsCommand.Verify.class})
final class ProjectionsCommand {

    static final String QUERY = """
            {
              projections {
                name inline running error replaying segments deadLetters deadLetterSequences
                behind positions { segment owner position }
              }
            }""";

    @ParentCommand
    CatalogAdmin admin;

    JsonNode projections() {
        return admin.client().execute(QUERY, Map.of()).get("projections");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every processor, one line each.")
    static final class List implements Callable<Integer> {

        @ParentCommand
        ProjectionsCommand projections;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode all = projections.projections();
            projections.admin.print(spec, all, out -> {
                out.printf("%-24s %-8s %-8s %-10s %8s %8s %12s%n", "NAME", "MODE", "STATE", "", "SEGMENTS", "BEHIND",
                        "DEAD LETTERS");
                for (JsonNode projection : all) {
                    boolean inline = projection.get("inline").asBoolean();
                    out.printf("%-24s %-8s %-8s %-10s %8s %8s %12d%n", projection.get("name").asString(),
                            inline ? "inline" : "async", state(projection),
                            projection.get("replaying").asBoolean() ? "replaying" : "",
                            inline ? "-" : String.valueOf(projection.get("segments").asInt()),
                            projection.get("behind").isNumber() ? String.valueOf(projection.get("behind").asInt()) : "-",
                            projection.get("deadLetters").asInt());
                }
            });
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "One processor in detail.")
    static final class Status implements Callable<Integer> {

        @ParentCommand
        ProjectionsCommand projections;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The processor, e.g. product-view or kafka-publisher.")
        String name;

        @Override
        public Integer call() {
            JsonNode found = null;
            for (JsonNode projection : projections.projections()) {
                if (projection.get("name").asString().equals(name)) {
                    found = projection;
                }
            }
            if (found == null) {
                throw new AdminException("no processor named " + name + " (catalog-admin projections list)");
            }
            JsonNode projection = found;
            projections.admin.print(spec, projection, out -> {
                out.printf("name:          %s%n", projection.get("name").asString());
                out.printf("mode:          %s%n", projection.get("inline").asBoolean()
                        ? "inline (in the commands' transactions: always current)" : "asynchronous");
                out.printf("state:         %s%s%n", state(projection),
                        projection.get("replaying").asBoolean() ? ", replaying" : "");
                if (!projection.get("inline").asBoolean()) {
                    out.printf("segments here: %d%n", projection.get("segments").asInt());
                    if (projection.get("behind").isNumber()) {
                        out.printf("behind:        %d events%n", projection.get("behind").asInt());
                    }
                    for (JsonNode segment : projection.get("positions")) {
                        out.printf("segment %-5d %s at position %s%n", segment.get("segment").asInt(),
                                segment.get("owner").isString() ? "held by " + segment.get("owner").asString() : "unclaimed,",
                                segment.get("position").isNumber() ? segment.get("position").asString() : "none yet");
                    }
                }
                out.printf("dead letters:  %d (%d aggregates)%n", projection.get("deadLetters").asInt(),
                        projection.get("deadLetterSequences").asInt());
            });
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recomputes a view from every stored event into scratch space and reports every row that "
                    + "differs from the live view (both as of one snapshot; the live view is not written).",
                    "Exit status 1 when any row differs."})
    static final class Verify implements Callable<Integer> {

        static final int DIFFERS = 1;

        @ParentCommand
        ProjectionsCommand projections;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The view projection: product-view or image-view.")
        String name;

        @Option(names = "--show", paramLabel = "N", defaultValue = "20",
                description = "How many differing rows to print, 0 to 100 (default: ${DEFAULT-VALUE}); all are counted.")
        int show;

        @Override
        public Integer call() {
            Map<String, Object> variables = CatalogAdmin.variable("name", name);
            variables.put("first", show);
            JsonNode report = projections.admin.client().execute("""
                    query($name: String!, $first: Int) {
                      verifyProjection(name: $name, first: $first) { projection events differences rows { id live recomputed } }
                    }""", variables).get("verifyProjection");
            projections.admin.print(spec, report, out -> {
                out.printf("%s: %d events replayed; %d row(s) differ%n", report.get("projection").asString(),
                        report.get("events").asLong(), report.get("differences").asInt());
                for (JsonNode row : report.get("rows")) {
                    out.printf("  id %d%n    live:       %s%n    from events: %s%n", row.get("id").asInt(),
                            row.get("live").isString() ? row.get("live").asString() : "(missing)",
                            row.get("recomputed").isString() ? row.get("recomputed").asString() : "(none)");
                }
            });
            return report.get("differences").asInt() == 0 ? 0 : DIFFERS;
        }
    }

    static String state(JsonNode projection) {
        return projection.get("error").asBoolean() ? "failing"
                : projection.get("running").asBoolean() ? "running" : "stopped";
    }
}
