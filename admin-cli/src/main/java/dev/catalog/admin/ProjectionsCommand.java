package dev.catalog.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code projections list} and {@code projections status NAME}: the event processors of the instance asked. */
@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "The event processors of the instance asked: inline view projections and asynchronous processors.",
        subcommands = {ProjectionsCommand.List.class, ProjectionsCommand.Status.class})
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

    static String state(JsonNode projection) {
        return projection.get("error").asBoolean() ? "failing"
                : projection.get("running").asBoolean() ? "running" : "stopped";
    }
}
