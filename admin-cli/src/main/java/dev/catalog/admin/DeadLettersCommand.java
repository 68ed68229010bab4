package dev.catalog.admin;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code dlq list|retry|evict}: the events the asynchronous processors parked after they failed. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "The dead letters: events an asynchronous processor parked after they failed.",
        subcommands = {DeadLettersCommand.List.class, DeadLettersCommand.Retry.class, DeadLettersCommand.Evict.class})
final class DeadLettersCommand {

    @ParentCommand
    CatalogAdmin admin;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The parked events (at most 100), by processor, then aggregate, oldest first, with their cause.")
    static final class List implements Callable<Integer> {

        @ParentCommand
        DeadLettersCommand deadLetters;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this processor's, e.g. product-image-cascade.")
        String processor;

        @Override
        public Integer call() {
            JsonNode letters = deadLetters.admin.client().execute("""
                    query($processor: String) {
                      deadLetters(processor: $processor) {
                        id processor sequence index eventType aggregate enqueuedAt lastTouched cause
                      }
                    }""", CatalogAdmin.variable("processor", processor)).get("deadLetters");
            deadLetters.admin.print(spec, letters, out -> {
                if (letters.isEmpty()) {
                    out.println("no parked events");
                }
                for (JsonNode letter : letters) {
                    out.printf("%s  %s  %s #%d  %s  parked %s%n    cause: %s%n", letter.get("id").asString(),
                            letter.get("processor").asString(), letter.get("sequence").asString(),
                            letter.get("index").asInt(), letter.get("eventType").asString(),
                            letter.get("enqueuedAt").asString(),
                            letter.get("cause").isString() ? letter.get("cause").asString() : "unknown");
                }
            });
            return 0;
        }
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Retries the parked events now, oldest first per aggregate; one that fails again stays parked.")
    static final class Retry implements Callable<Integer> {

        @ParentCommand
        DeadLettersCommand deadLetters;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this processor's (default: every processor's).")
        String processor;

        @Override
        public Integer call() {
            JsonNode retry = deadLetters.admin.client().execute("""
                    mutation($processor: String) {
                      retryDeadLetters(processor: $processor) { recovered projections { name deadLetters } }
                    }""", CatalogAdmin.variable("processor", processor)).get("retryDeadLetters");
            deadLetters.admin.print(spec, retry, out -> {
                long parked = 0;
                for (JsonNode projection : retry.get("projections")) {
                    parked += projection.get("deadLetters").asLong();
                }
                out.printf("%d aggregate(s) recovered; %d event(s) still parked%n", retry.get("recovered").asInt(), parked);
            });
            return 0;
        }
    }

    @Command(name = "evict", mixinStandardHelpOptions = true,
            description = "Drops one parked event for good: its processor never handles it.")
    static final class Evict implements Callable<Integer> {

        @ParentCommand
        DeadLettersCommand deadLetters;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The letter's id, from dlq list.")
        String id;

        @Override
        public Integer call() {
            JsonNode evicted = deadLetters.admin.client().execute(
                    "mutation($id: String!) { evictDeadLetter(id: $id) }", Map.of("id", id));
            if (!evicted.get("evictDeadLetter").asBoolean()) {
                throw new AdminException("no parked event with id " + id + " (catalog-admin dlq list)");
            }
            deadLetters.admin.print(spec, evicted, out -> out.println("evicted " + id));
            return 0;
        }
    }
}
