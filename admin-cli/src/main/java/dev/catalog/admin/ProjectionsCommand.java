package dev.catalog.admin;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
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
        subcommands = {ProjectionsCommand.List.class, ProjectionsCommand.Status.class, ProjectionsCommand.Verify.class,
                ProjectionsCommand.Rebuild.class})
final class ProjectionsCommand {

    static final String QUERY = """
            {
              projections {
                name inline running error replaying catchingUp segments deadLetters deadLetterSequences
                behind eventsPerSecond positions { segment owner position } rebuild { %s }
              }
            }""".formatted(Rebuild.FIELDS);

    @ParentCommand
    CatalogAdmin admin;

    static final String INSTANCES = "{ instances { name roles startedAt heartbeatAt live answering segments } }";

    JsonNode projections() {
        return admin.client().execute(QUERY, Map.of()).get("projections");
    }

    JsonNode instances() {
        return admin.client().execute(INSTANCES, Map.of()).get("instances");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"Every processor, one line each, then "
            + "every instance sharing the database with its roles and the segments it holds.",
            "With --json, the processors only."})
    static final class List implements Callable<Integer> {

        @ParentCommand
        ProjectionsCommand projections;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode all = projections.projections();
            projections.admin.print(spec, all, out -> {
                out.printf("%-24s %-8s %-12s %-10s %8s %8s %10s %12s%n", "NAME", "MODE", "STATE", "", "SEGMENTS",
                        "BEHIND", "EVENTS/S", "DEAD LETTERS");
                for (JsonNode projection : all) {
                    boolean inline = projection.get("inline").asBoolean();
                    out.printf("%-24s %-8s %-12s %-10s %8s %8s %10s %12d%n", projection.get("name").asString(),
                            inline ? "inline" : "async", state(projection),
                            projection.get("replaying").asBoolean() ? "replaying" : "",
                            inline ? "-" : String.valueOf(projection.get("segments").asInt()),
                            projection.get("behind").isNumber() ? String.valueOf(projection.get("behind").asInt()) : "-",
                            rate(projection), projection.get("deadLetters").asInt());
                }
                out.println();
                out.printf("%-34s %-16s %-6s %8s  %s%n", "INSTANCE", "ROLES", "STATE", "SEGMENTS", "LAST HEARTBEAT");
                for (JsonNode instance : projections.instances()) {
                    var roles = new ArrayList<String>();
                    instance.get("roles").forEach(role -> roles.add(role.asString()));
                    out.printf("%-34s %-16s %-6s %8d  %s%s%n", instance.get("name").asString(), String.join(",", roles),
                            instance.get("live").asBoolean() ? "live" : "gone", instance.get("segments").asInt(),
                            instance.get("heartbeatAt").asString(),
                            instance.get("answering").asBoolean() ? "  (answered this)" : "");
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
                    out.printf("rate:          %s events/s%n", rate(projection));
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

    static String rate(JsonNode projection) {
        return projection.get("eventsPerSecond").isNumber()
                ? String.format(java.util.Locale.ROOT, "%.1f", projection.get("eventsPerSecond").asDouble()) : "-";
    }

    static String state(JsonNode projection) {
        return projection.get("error").asBoolean() ? "failing"
                : projection.get("rebuild").isObject() && !"DONE".equals(projection.at("/rebuild/state").asString())
                ? "rebuilding"
                : !projection.get("running").asBoolean() ? "stopped"
                : projection.get("catchingUp").asBoolean() ? "catching up" : "running";
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Rebuilds a view from every stored event beside the live one, which the API serves meanwhile; "
                    + "once the new one has caught up with the writes it replaces the live one, for every instance, in "
                    + "one transaction. Shows a progress bar on standard error until the switch.",
                    "Interrupting this command leaves the rebuild running on the service; run it again to follow it, "
                    + "or to resume a rebuild a crash or a failure stopped. --abort abandons it."})
    static final class Rebuild implements Callable<Integer> {

        static final String FIELDS = "projection state position head eventsDone eventsPerSecond running aborting failure "
                + "startedAt updatedAt heldBackMillis";

        @ParentCommand
        ProjectionsCommand projections;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The view projection: product-view or image-view.")
        String name;

        @Option(names = "--abort", description = "Abandon the rebuild in progress: its new table is dropped, the live view stays.")
        boolean abort;

        @Option(names = "--detach", description = "Start it and return at once; follow it with projections status NAME.")
        boolean detach;

        @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "1000",
                description = "Milliseconds between two requests for progress (default: ${DEFAULT-VALUE}).")
        int poll;

        @Override
        public Integer call() throws InterruptedException {
            AdminClient client = projections.admin.client();
            Map<String, Object> variables = CatalogAdmin.variable("name", name);
            if (abort) {
                String outcome = client.execute("mutation($name: String!) { abortProjectionRebuild(name: $name) }",
                        variables).get("abortProjectionRebuild").asString();
                while ("STOPPING".equals(outcome) && progress(client, variables) != null) {
                    Thread.sleep(poll);
                }
                projections.admin.print(spec, AdminClient.JSON.createObjectNode().put("projection", name)
                        .put("aborted", true), out -> out.printf("%s: rebuild aborted; the live view is unchanged%n", name));
                return 0;
            }
            JsonNode started = client.execute("mutation($name: String!) { rebuildProjection(name: $name) { " + FIELDS
                    + " } }", variables).get("rebuildProjection");
            if (detach) {
                projections.admin.print(spec, started, out -> out.printf("%s: rebuilding in the background, at position "
                        + "%d of %d%n", name, started.get("position").asLong(), started.get("head").asLong()));
                return 0;
            }
            JsonNode last = follow(client, variables, started);
            if (last == null) {
                throw new AdminException("the rebuild of " + name + " was aborted; the live view is unchanged");
            }
            double seconds = Duration.between(Instant.parse(last.get("startedAt").asString()),
                    Instant.parse(last.get("updatedAt").asString())).toMillis() / 1000.0;
            long events = last.get("eventsDone").asLong();
            projections.admin.print(spec, last, out -> out.printf("%s: rebuilt from %d events in %.1f s (%.0f events/s "
                            + "since last started) and switched; the switch held the view's writers back %d ms%n", name,
                    events, seconds, last.get("eventsPerSecond").asDouble(), last.get("heldBackMillis").asLong()));
            return 0;
        }

        /** Polls until the rebuild is done, and returns it; null when it was aborted. */
        private JsonNode follow(AdminClient client, Map<String, Object> variables, JsonNode started)
                throws InterruptedException {
            PrintWriter err = spec.commandLine().getErr();
            boolean bar = !projections.admin.json;
            JsonNode last = started;
            try (ProgressBar progress = bar ? new ProgressBarBuilder().setTaskName(name)
                    .setInitialMax(Math.max(1, started.get("head").asLong()))
                    .setUnit(" events", 1).showSpeed().setUpdateIntervalMillis((int) poll)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        err.print('\r' + line);
                        err.flush();
                    }, 100))
                    .build() : null) {
                for (JsonNode now = started; ; now = progress(client, variables)) {
                    last = now;
                    if (now == null || "DONE".equals(now.get("state").asString())) {
                        break;
                    }
                    if (!now.get("running").asBoolean()) {
                        throw new AdminException("FAILED".equals(now.get("state").asString())
                                ? "the rebuild of " + name + " failed: " + now.get("failure").asString()
                                        + " (run the command again to resume it, or --abort)"
                                : "the rebuild of " + name + " stopped at position " + now.get("position").asLong()
                                        + " of " + now.get("head").asLong() + " (its instance shut down or crashed); "
                                        + "run the command again to resume it, or --abort");
                    }
                    if (progress != null) {
                        progress.maxHint(Math.max(1, now.get("head").asLong()));
                        progress.stepTo(now.get("position").asLong());
                        progress.setExtraMessage(now.get("state").asString().toLowerCase(java.util.Locale.ROOT));
                    }
                    Thread.sleep(poll);
                }
                if (progress != null && last != null) {
                    progress.maxHint(last.get("position").asLong());
                    progress.stepTo(last.get("position").asLong());
                    progress.setExtraMessage("done");
                }
            } finally {
                if (bar) {
                    err.println();
                    err.flush();
                }
            }
            return last;
        }

        private JsonNode progress(AdminClient client, Map<String, Object> variables) {
            JsonNode rebuild = client.execute("query($name: String!) { projectionRebuild(name: $name) { " + FIELDS
                    + " } }", variables).get("projectionRebuild");
            return rebuild == null || rebuild.isNull() ? null : rebuild;
        }
    }
}
