package dev.catalog.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** {@code persisted list|load}: the persisted documents every instance serves by id. */
@Command(name = "persisted", mixinStandardHelpOptions = true,
        description = "The persisted documents: automatic persisted queries, and trusted manifests.",
        subcommands = {PersistedCommand.List.class, PersistedCommand.Load.class})
final class PersistedCommand {

    @ParentCommand
    CatalogAdmin admin;

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The registered documents by id, 100 a page (--after the last id of a page for the next).")
    static final class List implements Callable<Integer> {

        @ParentCommand
        PersistedCommand persisted;

        @Spec
        CommandSpec spec;

        @Option(names = "--after", paramLabel = "ID", description = "Start after this id.")
        String after;

        @Override
        public Integer call() {
            JsonNode documents = persisted.admin.client().execute("""
                    query($after: String) { persistedDocuments(after: $after) { id registeredAt document } }""",
                    CatalogAdmin.variable("after", after)).get("persistedDocuments");
            persisted.admin.print(spec, documents, out -> {
                if (documents.isEmpty()) {
                    out.println("no persisted documents");
                }
                for (JsonNode document : documents) {
                    String text = document.get("document").asString().replaceAll("\\s+", " ").strip();
                    out.printf("%s  %s  %s%n", document.get("id").asString(), document.get("registeredAt").asString(),
                            text.length() > 80 ? text.substring(0, 77) + "..." : text);
                }
            });
            return 0;
        }
    }

    /** The characters of documents and ids one page of a manifest carries. */
    static final int PAGE_CHARACTERS = 40_000;

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Loads a manifest (Apollo's persisted query list, or Relay's map of ids to documents) into "
                    + "the store every instance serves from: in trusted mode, the documents the service runs.")
    static final class Load implements Callable<Integer> {

        @ParentCommand
        PersistedCommand persisted;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The manifest, a JSON file.")
        Path file;

        @Override
        public Integer call() throws IOException {
            JsonNode manifest = AdminClient.JSON.readTree(Files.readString(file));
            Map<String, String> documents = documents(manifest);
            int stored = 0;
            // Sent in pages of Relay's form, each well within the request body limit (64 KB by default).
            Map<String, String> page = new LinkedHashMap<>();
            int characters = 0;
            for (Map.Entry<String, String> document : documents.entrySet()) {
                int size = document.getKey().length() + document.getValue().length();
                if (!page.isEmpty() && characters + size > PAGE_CHARACTERS) {
                    stored += load(page);
                    page.clear();
                    characters = 0;
                }
                page.put(document.getKey(), document.getValue());
                characters += size;
            }
            if (!page.isEmpty()) {
                stored += load(page);
            }
            int total = stored;
            persisted.admin.print(spec, AdminClient.JSON.valueToTree(Map.of("documents", documents.size(),
                    "stored", total)), out -> out.printf("%d documents of %s loaded (%d entries, under their ids and "
                    + "hashes)%n", documents.size(), file, total));
            return 0;
        }

        private int load(Map<String, String> page) {
            return persisted.admin.client().execute("""
                    mutation($manifest: String!) { loadPersistedManifest(manifest: $manifest) }""",
                    Map.of("manifest", AdminClient.JSON.writeValueAsString(page))).get("loadPersistedManifest").asInt();
        }

        /** The manifest's documents by id: Apollo's persisted query list, or Relay's map, as the service reads them. */
        private static Map<String, String> documents(JsonNode manifest) {
            Map<String, String> documents = new LinkedHashMap<>();
            if (manifest.has("operations")) {
                for (JsonNode operation : manifest.get("operations")) {
                    documents.put(operation.path("id").asString(""), operation.path("body").asString(""));
                }
            } else {
                manifest.properties().forEach(entry -> documents.put(entry.getKey(), entry.getValue().asString("")));
            }
            return documents;
        }
    }
}
