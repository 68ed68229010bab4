package dev.catalog.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.subscription.WsClient;
import dev.catalog.query.changes.ChangeFeed;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every GraphQL example of the README and of the guides in {@code docs/} (not the ADRs) runs against a fresh
 * service and answers as the document shows, so that the documentation cannot drift from the API. The
 * conventions (what an example may say about itself in an HTML comment, how ids of created products carry from
 * one example to the next, how an answer is compared) are in {@code docs/README.md}.
 *
 * <p>One service for all the documents, in open mode and without a rate limit; the examples run in document
 * order, the README first, then {@code docs/*.md} by name. Run with {@code -Ddocs.examples.verbose=true} to print
 * every example's answer (what a writer pastes under an example, before trimming it).
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                // The examples come from 127.0.0.1, a client of the service's own machine: in open mode it may write
                // and administer without a token. A hundred and more requests in a few seconds: no rate limit.
                "catalog.rate-limit.per-minute=0"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentationExamplesTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Path ROOT = Path.of("..");
    private static final boolean VERBOSE = Boolean.getBoolean("docs.examples.verbose");
    private static final Pattern DIRECTIVE = Pattern.compile("<!--\\s*example:\\s*(.*?)\\s*-->");
    /** Where an integer in a document is a product's or an image's id: the argument or field {@code productId} or
     * {@code imageId}, or the first argument {@code id} of a field whose name starts with product or image. */
    private static final Pattern ID_IN_DOCUMENT =
            Pattern.compile("\\b((?:product|image)Id|(?:product|image)\\w*\\s*\\(\\s*id)(\\s*:\\s*)(\\d+)\\b");
    /** Answer keys whose shown values a later example may use: replaced there by the values that really came. */
    private static final Set<String> CARRIED_STRINGS = Set.of("cursor", "startCursor", "endCursor", "resumeToken",
            "uploadId", "uploadUrl", "expiresAt", "createdAt", "updatedAt", "at", "registeredAt", "correlationId",
            "id");
    private static final Map<String, Kind> CREATIONS =
            Map.of("createProduct", Kind.PRODUCT, "createImage", Kind.IMAGE, "uploadImage", Kind.IMAGE);

    private enum Kind { PRODUCT, IMAGE }

    @Value("${local.server.port}")
    int port;
    @Autowired
    ChangeFeed feed;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> summary = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> every_graphql_example_of_the_readme_and_the_guides_runs_and_answers_as_shown() {
        return documents().stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(), () -> {
            FileRun run = new FileRun(file);
            List<Block> blocks = blocks(file);
            run.runAll(blocks);
            summary.add(run.summary());
            System.out.println("Documentation examples: " + run.summary());
            if (!run.failures.isEmpty()) {
                throw new AssertionError(run.failures.size() + " example(s) of " + ROOT.relativize(file)
                        + " failed:\n\n" + String.join("\n\n", run.failures));
            }
            if (!blocks.isEmpty()) {
                assertThat(run.ran).as("examples run in %s", file).isPositive();
            }
        }));
    }

    @AfterAll
    void printSummary() {
        System.out.println("Documentation examples, per file:\n  " + String.join("\n  ", summary));
    }

    /** The README, then every guide in docs/ (not the ADRs), by name. */
    private static List<Path> documents() {
        List<Path> files = new ArrayList<>();
        files.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    // ---- Reading the documents ----

    /** A ```graphql block, with the directives above it and the ```json blocks that follow it. */
    static final class Block {
        final int line;
        final String text;
        final List<String> directives;
        /** A shell script (a ```sh block marked `run`) rather than a GraphQL document. */
        final boolean shell;
        JsonNode variables;
        JsonNode answer;

        Block(int line, String text, List<String> directives, boolean shell) {
            this.line = line;
            this.text = text;
            this.directives = directives;
            this.shell = shell;
        }
    }

    /**
     * The ```graphql blocks of a Markdown file. A ```json block after one (with only blank lines, example comments
     * or one line of prose ending in a colon between) is its answer when it has {@code data} or {@code errors}, else
     * its variables (and an answer may follow those).
     */
    static List<Block> blocks(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Block> blocks = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        int pendingLine = 0;
        Block awaiting = null;
        int prose = 0;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            String trimmed = line.strip();
            Matcher directive = DIRECTIVE.matcher(trimmed);
            if (directive.matches()) {
                if (pending.isEmpty()) {
                    pendingLine = i + 1;
                }
                pending.add(directive.group(1));
                i++;
                continue;
            }
            if (trimmed.startsWith("```")) {
                String language = trimmed.substring(3).strip();
                int indent = line.indexOf('`');
                int fence = i + 1;
                StringBuilder body = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).strip().equals("```")) {
                    String content = lines.get(i);
                    int cut = 0;
                    while (cut < indent && cut < content.length() && content.charAt(cut) == ' ') {
                        cut++;
                    }
                    body.append(content.substring(cut)).append('\n');
                    i++;
                }
                if (i == lines.size()) {
                    throw new AssertionError(file + ":" + fence + ": the ``` block never ends");
                }
                i++;
                boolean run = pending.stream().anyMatch(d -> d.equals("run"));
                if (language.equals("graphql") || (run && (language.equals("sh") || language.equals("bash")))) {
                    if (!language.equals("graphql")) {
                        pending.remove("run");
                    }
                    awaiting = new Block(fence, body.toString(), pending, !language.equals("graphql"));
                    blocks.add(awaiting);
                    pending = new ArrayList<>();
                } else {
                    if (!pending.isEmpty()) {
                        throw new AssertionError(file + ":" + pendingLine + ": example directives " + pending
                                + " are followed by a ```" + language + " block, not a ```graphql one");
                    }
                    if (language.equals("json") && awaiting != null && awaiting.answer == null) {
                        JsonNode json;
                        try {
                            json = JSON.readTree(body.toString());
                        } catch (JacksonException e) {
                            throw new AssertionError(file + ":" + fence + ": the ```json block after the example at "
                                    + "line " + awaiting.line + " is not JSON (" + e.getOriginalMessage() + ")");
                        }
                        if (json.isObject() && (json.has("data") || json.has("errors"))) {
                            awaiting.answer = json;
                            awaiting = null;
                        } else if (awaiting.variables == null && json.isObject()) {
                            awaiting.variables = json;
                        } else {
                            throw new AssertionError(file + ":" + fence + ": a ```json block after the example at line "
                                    + awaiting.line + " must be its variables (an object) or its answer (with data or "
                                    + "errors)");
                        }
                    } else {
                        awaiting = null;
                    }
                }
                prose = 0;
                continue;
            }
            if (!trimmed.isEmpty()) {
                if (trimmed.startsWith("#") && !pending.isEmpty()) {
                    throw new AssertionError(file + ":" + pendingLine + ": example directives " + pending
                            + " are followed by a heading, not a ```graphql block");
                }
                prose++;
                if (prose > 1 || !trimmed.endsWith(":")) {
                    awaiting = null;
                }
            }
            i++;
        }
        if (!pending.isEmpty()) {
            throw new AssertionError(file + ":" + pendingLine + ": example directives " + pending
                    + " come after the last block");
        }
        return blocks;
    }

    // ---- Running them ----

    /** One document's run: what its examples created so far, and what failed. */
    final class FileRun {
        final Path file;
        final String name;
        final Map<Integer, Long> products = new HashMap<>();
        final Map<Integer, Long> images = new HashMap<>();
        int lastProduct;
        int lastImage;
        /** Strings shown in answers (cursors, resume tokens, upload ids) and the values that really came. */
        final Map<String, String> strings = new LinkedHashMap<>();
        /** The last value of each field of the answers, by name: the shell blocks' environment (e.g. $uploadUrl). */
        final Map<String, String> environment = new HashMap<>();
        /** Whether comparing an answer records the strings it carries (not while trying which item an item is like). */
        private boolean learning = true;
        final List<String> failures = new ArrayList<>();
        final List<OpenSubscription> subscriptions = new ArrayList<>();
        int ran;
        int operations;
        int skipped;

        FileRun(Path file) {
            this.file = file;
            this.name = ROOT.relativize(file).toString();
        }

        String summary() {
            return name + ": " + ran + " examples run (" + operations + " operations), " + skipped + " skipped";
        }

        void runAll(List<Block> blocks) {
            for (Block block : blocks) {
                try {
                    run(block);
                } catch (ExampleFailure e) {
                    failures.add(name + ":" + e.line + ": " + e.getMessage() + "\n" + indent(block.text));
                } catch (Exception | AssertionError e) {
                    failures.add(name + ":" + block.line + ": " + e.getMessage() + "\n" + indent(block.text));
                }
            }
            awaitSubscriptions();
        }

        private void run(Block block) throws Exception {
            String endpoint = "/graphql";
            String expected = null;
            boolean literalIds = false;
            JsonNode variables = block.variables;
            for (String directive : block.directives) {
                String[] parts = directive.split("\\s+", 2);
                String argument = parts.length > 1 ? parts[1].strip() : "";
                switch (parts[0]) {
                    case "skip" -> {
                        if (argument.isEmpty()) {
                            throw new AssertionError("`skip` needs a reason");
                        }
                        skipped++;
                        System.out.println("Documentation examples: " + name + ":" + block.line + " skipped: "
                                + argument);
                        return;
                    }
                    case "expect-error" -> expected = argument;
                    case "endpoint" -> endpoint = argument;
                    case "literal-ids" -> literalIds = true;
                    case "variables" -> {
                        if (variables != null) {
                            throw new AssertionError("variables given twice (a directive and a ```json block)");
                        }
                        variables = JSON.readTree(argument);
                    }
                    default -> throw new AssertionError("unknown example directive `" + directive + "`");
                }
            }
            ran++;
            if (block.shell) {
                runShell(block, expected, literalIds);
                return;
            }
            String text = literalIds ? block.text : replaceIds(block.text);
            text = replaceStrings(text);
            Map<String, Object> variableValues =
                    variables == null ? Map.of() : carryVariables(variables, text, literalIds);

            Document document;
            try {
                document = Parser.parse(text);
            } catch (InvalidSyntaxException e) {
                if ("GRAPHQL_PARSE_FAILED".equals(expected)) {
                    operations++;
                    check(block, block.line + 1, text, variableValues, expected, post(endpoint, text, variableValues));
                    return;
                }
                throw new AssertionError("does not parse: " + e.getMessage());
            }
            List<OperationDefinition> operationsOfBlock = document.getDefinitionsOfType(OperationDefinition.class);
            List<Definition> others = document.getDefinitions().stream()
                    .filter(definition -> !(definition instanceof OperationDefinition)).toList();
            if (operationsOfBlock.size() > 1 && (block.answer != null || expected != null || variables != null)) {
                throw new AssertionError("a block with an answer, variables or an expected error holds one "
                        + "operation, not " + operationsOfBlock.size());
            }
            for (OperationDefinition operation : operationsOfBlock) {
                operations++;
                List<Definition> definitions = new ArrayList<>(others);
                definitions.addFirst(operation);
                String single = operationsOfBlock.size() == 1 ? text
                        : AstPrinter.printAst(Document.newDocument().definitions(definitions).build());
                int line = block.line + operation.getSourceLocation().getLine();
                if (operation.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
                    subscribe(block, line, endpoint, single, variableValues, expected);
                } else {
                    Answer answer = post(endpoint, single, variableValues);
                    learnCreations(operation, block.answer, answer.body);
                    check(block, line, single, variableValues, expected, answer);
                    awaitSubscriptions();
                }
            }
        }

        /** Checks an answer against what the block says of it; learns the ids it created and the strings it carries. */
        private void check(Block block, int line, String operation, Map<String, Object> variables, String expected,
                           Answer answer) {
            if (VERBOSE) {
                System.out.println("Documentation examples: " + name + ":" + line + " (" + answer.transport() + ")\n"
                        + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.body));
            }
            List<String> problems = new ArrayList<>();
            JsonNode errors = answer.body.path("errors");
            boolean failed = errors.isArray() && !errors.isEmpty();
            if (expected == null && failed) {
                problems.add("it answered errors (mark an expected one with <!-- example: expect-error CODE -->)");
            } else if (expected != null && !failed) {
                problems.add("it was expected to fail with " + expected + " but answered no error");
            } else if (expected != null) {
                boolean found = false;
                for (JsonNode error : errors) {
                    found |= expected.equals(error.path("extensions").path("code").asString(""));
                }
                if (!found) {
                    problems.add("it was expected to fail with " + expected + ", not with these codes");
                }
            }
            if (block.answer != null) {
                compare("", null, block.answer, answer.body, false, problems);
            }
            if (!problems.isEmpty()) {
                throw new ExampleFailure(line, String.join("; ", problems) + "\n  operation: "
                        + operation.strip().replace("\n", "\n             ")
                        + (variables.isEmpty() ? "" : "\n  variables: " + JSON.writeValueAsString(variables))
                        + "\n  answer (" + answer.transport() + "): "
                        + abbreviate(JSON.writeValueAsString(answer.body)));
            }
            remember(answer.body.path("data"));
        }

        /** The shown answer's shape against the real one's: same keys and nesting, same JSON types. */
        private void compare(String path, String key, JsonNode shown, JsonNode real, boolean extraKeysAllowed,
                             List<String> problems) {
            String where = path.isEmpty() ? "the answer" : path;
            if (real == null || real.isMissingNode()) {
                problems.add(where + " is shown but missing");
                return;
            }
            if (shown.isNull() || real.isNull()) {
                // A nullable field's value may be null or not, as the service's state has it (a position not yet
                // stored, a processor with nothing behind); only the answer's data itself must be there when shown.
                if ("data".equals(path) && shown.isNull() != real.isNull()) {
                    problems.add(where + " is shown " + type(shown) + " but is " + type(real));
                }
                return;
            }
            if (shown.isObject()) {
                if (!real.isObject()) {
                    problems.add(where + " is shown an object but is " + type(real));
                    return;
                }
                boolean extras = extraKeysAllowed || "errors".equals(key) || "extensions".equals(key);
                for (String property : shown.propertyNames()) {
                    compare(path.isEmpty() ? property : path + "." + property, property, shown.get(property),
                            real.get(property), extras, problems);
                }
                if (!extras) {
                    for (String property : real.propertyNames()) {
                        if (!shown.has(property)) {
                            problems.add((path.isEmpty() ? "" : path + ".") + property
                                    + " is in the answer but not shown");
                        }
                    }
                }
            } else if (shown.isArray()) {
                if (!real.isArray()) {
                    problems.add(where + " is shown a list but is " + type(real));
                    return;
                }
                if (!shown.isEmpty() && real.isEmpty()) {
                    problems.add(where + " is shown with items but is empty");
                }
                boolean extras = extraKeysAllowed || "errors".equals(key);
                for (int i = 0; i < real.size() && !shown.isEmpty(); i++) {
                    // As many items as shown: item by item. Otherwise each item has the shape of one of those shown.
                    int like = shown.size() == real.size() ? i : likest(path, key, shown, real.get(i), extras);
                    compare(path + "[" + i + "]", key, shown.get(like), real.get(i), extras, problems);
                }
            } else if (!type(shown).equals(type(real))) {
                problems.add(where + " is shown " + type(shown) + " but is " + type(real));
            } else if (("code".equals(key) || "__typename".equals(key)) && !shown.equals(real)) {
                problems.add(where + " is shown " + shown + " but is " + real);
            } else if (learning && shown.isString() && CARRIED_STRINGS.contains(key) && !shown.equals(real)) {
                strings.put(shown.asString(), real.asString());
            }
        }

        /** The index of the item shown whose shape {@code item} has, or else of the one it differs from least. */
        private int likest(String path, String key, JsonNode shown, JsonNode item, boolean extras) {
            int best = 0;
            int fewest = Integer.MAX_VALUE;
            boolean wasLearning = learning;
            learning = false;
            try {
                for (int j = 0; j < shown.size() && fewest > 0; j++) {
                    List<String> trial = new ArrayList<>();
                    compare(path, key, shown.get(j), item, extras, trial);
                    if (trial.size() < fewest) {
                        fewest = trial.size();
                        best = j;
                    }
                }
            } finally {
                learning = wasLearning;
            }
            return best;
        }

        /**
         * The products and images the answer created (its root fields createProduct, createImage, uploadImage, aliased
         * or not, in order; for a shell block, those of its answers): the id the document shows for each, else the
         * next one, stands for the real one.
         */
        private void learnCreations(OperationDefinition operation, JsonNode shown, JsonNode answer) {
            JsonNode data = answer.path("data");
            List<Map.Entry<String, Kind>> created = new ArrayList<>();
            if (operation == null) {
                CREATIONS.forEach((field, kind) -> created.add(Map.entry(field, kind)));
            } else {
                for (var selection : operation.getSelectionSet().getSelections()) {
                    if (selection instanceof Field field && CREATIONS.containsKey(field.getName())) {
                        created.add(Map.entry(field.getAlias() != null ? field.getAlias() : field.getName(),
                                CREATIONS.get(field.getName())));
                    }
                }
            }
            for (Map.Entry<String, Kind> creation : created) {
                String field = creation.getKey();
                Kind kind = creation.getValue();
                JsonNode id = data.path(field).path("id");
                if (!id.isNumber()) {
                    continue;
                }
                JsonNode shownId = shown == null ? null : shown.path("data").path(field).path("id");
                int documented = shownId != null && shownId.isNumber() ? shownId.asInt()
                        : (kind == Kind.PRODUCT ? lastProduct : lastImage) + 1;
                if (kind == Kind.PRODUCT) {
                    products.put(documented, id.asLong());
                    lastProduct = documented;
                } else {
                    images.put(documented, id.asLong());
                    lastImage = documented;
                }
            }
        }

        /** The last value of every scalar field of the answers so far, for the shell blocks' environment. */
        private void remember(JsonNode node) {
            if (node.isObject()) {
                for (String property : node.propertyNames()) {
                    JsonNode value = node.get(property);
                    if (value.isValueNode() && !value.isNull() && property.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        environment.put(property, value.asString());
                    } else {
                        remember(value);
                    }
                }
            } else if (node.isArray()) {
                node.forEach(this::remember);
            }
        }

        // ---- Shell blocks ----

        /**
         * Runs a ```sh block marked `run` with bash, in a scratch directory holding {@code photo.jpg}, with
         * {@code localhost:8080} pointing at this service and the last answers' fields in its environment. Its
         * standard output is the JSON answers it printed (curl -s); each is checked as an example's answer, the last
         * one against the answer the document shows.
         */
        private void runShell(Block block, String expected, boolean literalIds)
                throws IOException, InterruptedException {
            String script = replaceStrings(literalIds ? block.text : replaceIds(block.text))
                    .replace("localhost:8080", "127.0.0.1:" + port);
            Path directory = scratchDirectory();
            Path out = directory.resolve("stdout.txt");
            Path err = directory.resolve("stderr.txt");
            ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(directory.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the script ran longer than 60 s");
            }
            String stdout = Files.readString(out);
            if (process.exitValue() != 0) {
                throw new AssertionError("the script exited with " + process.exitValue() + "\n  stdout: "
                        + abbreviate(stdout) + "\n  stderr: " + abbreviate(Files.readString(err)));
            }
            List<JsonNode> answers = new ArrayList<>();
            try (var values = JSON.readerFor(JsonNode.class).readValues(stdout)) {
                while (values.hasNextValue()) {
                    JsonNode value = (JsonNode) values.nextValue();
                    if (value.isObject() && (value.has("data") || value.has("errors"))) {
                        answers.add(value);
                    }
                }
            } catch (JacksonException e) {
                throw new AssertionError("its standard output is not a sequence of JSON answers ("
                        + e.getOriginalMessage() + "): " + abbreviate(stdout));
            }
            operations += answers.size();
            boolean expectedSeen = false;
            for (int i = 0; i < answers.size(); i++) {
                JsonNode answer = answers.get(i);
                JsonNode errors = answer.path("errors");
                if (errors.isArray() && !errors.isEmpty()) {
                    boolean allExpected = expected != null;
                    for (JsonNode error : errors) {
                        allExpected &= expected != null
                                && expected.equals(error.path("extensions").path("code").asString(""));
                    }
                    expectedSeen |= allExpected;
                    if (!allExpected) {
                        answers.set(i, null);
                        throw new AssertionError("answer " + (i + 1) + " has errors"
                                + (expected == null ? "" : " other than " + expected) + ": "
                                + abbreviate(answer.toString()));
                    }
                }
                if (VERBOSE) {
                    System.out.println("Documentation examples: " + name + ":" + block.line + " answer " + (i + 1)
                            + "\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
                }
                learnCreations(null, i == answers.size() - 1 ? block.answer : null, answer);
                remember(answer.path("data"));
            }
            if (expected != null && !expectedSeen) {
                throw new AssertionError("no answer failed with " + expected + ": " + abbreviate(stdout));
            }
            if (block.answer != null) {
                List<String> problems = new ArrayList<>();
                compare("", null, block.answer, answers.getLast(), false, problems);
                if (!problems.isEmpty()) {
                    throw new AssertionError(String.join("; ", problems) + "\n  answer: "
                            + abbreviate(answers.getLast().toString()));
                }
            }
        }

        private String replaceIds(String text) {
            Matcher matcher = ID_IN_DOCUMENT.matcher(text);
            StringBuilder replaced = new StringBuilder();
            while (matcher.find()) {
                Long real = (matcher.group(1).startsWith("product") ? products : images)
                        .get(Integer.parseInt(matcher.group(3)));
                matcher.appendReplacement(replaced, Matcher.quoteReplacement(matcher.group(1) + matcher.group(2)
                        + (real == null ? matcher.group(3) : real.toString())));
            }
            matcher.appendTail(replaced);
            return replaced.toString();
        }

        private String replaceStrings(String text) {
            for (Map.Entry<String, String> carried : strings.entrySet()) {
                text = text.replace("\"" + carried.getKey() + "\"", "\"" + carried.getValue() + "\"");
            }
            return text;
        }

        /** The variables, with the documented ids and carried strings replaced as in the document's text. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> carryVariables(JsonNode variables, String document, boolean literalIds) {
            JsonNode copy = variables.deepCopy();
            if (!literalIds) {
                carryIds(copy, null, document, true);
            }
            String json = replaceStrings(JSON.writeValueAsString(copy));
            return JSON.readValue(json, Map.class);
        }

        private void carryIds(JsonNode node, Kind kindOfId, String document, boolean top) {
            if (node instanceof ObjectNode object) {
                String typename = object.path("__typename").asString("");
                Kind ofThisObject = typename.equals("Product") ? Kind.PRODUCT
                        : typename.equals("Image") ? Kind.IMAGE : null;
                for (String property : List.copyOf(object.propertyNames())) {
                    JsonNode value = object.get(property);
                    Kind kind = property.equals("productId") ? Kind.PRODUCT : property.equals("imageId") ? Kind.IMAGE
                            : property.equals("id") ? ofThisObject : null;
                    if (kind == null && top) {
                        kind = kindOfVariable(property, document);
                    }
                    if (kind != null && value.isIntegralNumber()) {
                        Long real = (kind == Kind.PRODUCT ? products : images).get(value.asInt());
                        if (real != null) {
                            object.put(property, real);
                        }
                    } else {
                        carryIds(value, null, document, false);
                    }
                }
            } else if (node != null && node.isArray()) {
                node.forEach(item -> carryIds(item, kindOfId, document, false));
            }
        }

        /** A variable's kind of id, from where the document uses it: {@code product(id: $id)}, {@code imageId: $i}. */
        private static Kind kindOfVariable(String variable, String document) {
            Matcher use = Pattern.compile("\\b((?:product|image)Id|(?:product|image)\\w*\\s*\\(\\s*id)\\s*:\\s*\\$"
                    + Pattern.quote(variable) + "\\b").matcher(document);
            return use.find() ? (use.group(1).startsWith("product") ? Kind.PRODUCT : Kind.IMAGE) : null;
        }

        // ---- Subscriptions ----

        /** A subscription waiting for the example after it, whose change it must receive. */
        record OpenSubscription(Block block, int line, String operation, Map<String, Object> variables, WsClient client,
                                JsonNode early) {
        }

        private void subscribe(Block block, int line, String endpoint, String operation, Map<String, Object> variables,
                               String expected) {
            if (!endpoint.equals("/graphql")) {
                throw new AssertionError("subscriptions are served at /graphql only, not " + endpoint);
            }
            WsClient client = WsClient.initialized(port);
            int before = feed.subscriberCount();
            client.subscribe("example", operation, variables);
            if (expected != null) {
                JsonNode message = client.next(Duration.ofSeconds(10));
                client.close();
                JsonNode answer = message.path("type").asString("").equals("error")
                        ? JSON.createObjectNode().set("errors", message.get("payload")) : message.path("payload");
                check(block, line, operation, variables, expected, new Answer(0, answer));
                return;
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            JsonNode early = null;
            while (feed.subscriberCount() <= before && early == null) {
                if (System.nanoTime() > deadline) {
                    client.close();
                    throw new ExampleFailure(line, "the subscription did not start within 10 s");
                }
                try {
                    early = client.next(Duration.ofMillis(20));
                } catch (AssertionError noMessageYet) {
                    // not subscribed yet
                }
            }
            subscriptions.add(new OpenSubscription(block, line, operation, variables, client, early));
        }

        /** The first message of each open subscription, once the example after it ran. */
        private void awaitSubscriptions() {
            for (OpenSubscription open : List.copyOf(subscriptions)) {
                subscriptions.remove(open);
                try (WsClient client = open.client()) {
                    JsonNode message;
                    try {
                        message = open.early() != null ? open.early() : client.next(Duration.ofSeconds(10));
                    } catch (AssertionError e) {
                        failures.add(name + ":" + open.line() + ": the subscription received nothing within 10 s of "
                                + "the example after it (a subscription's example is followed by one that triggers "
                                + "it)\n" + indent(open.block().text));
                        continue;
                    }
                    JsonNode answer = switch (message.path("type").asString("")) {
                        case "next" -> message.path("payload");
                        case "error" -> JSON.createObjectNode().set("errors", message.get("payload"));
                        default -> JSON.createObjectNode().put("unexpectedMessage", message.toString());
                    };
                    try {
                        check(open.block(), open.line(), open.operation(), open.variables(), null,
                                new Answer(0, answer));
                    } catch (AssertionError e) {
                        failures.add(name + ":" + open.line() + ": " + e.getMessage());
                    }
                }
            }
        }

        // ---- HTTP ----

        private Answer post(String endpoint, String query, Map<String, Object> variables) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("query", query);
            if (!variables.isEmpty()) {
                body.put("variables", variables);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode json;
                try {
                    json = JSON.readTree(response.body());
                } catch (JacksonException e) {
                    throw new AssertionError("HTTP " + response.statusCode() + " without a JSON body: "
                            + abbreviate(response.body()));
                }
                return new Answer(response.statusCode(), json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** An answer, and the HTTP status it came with (0: a WebSocket message). */
    record Answer(int status, JsonNode body) {
        String transport() {
            return status == 0 ? "WebSocket" : "HTTP " + status;
        }
    }

    /** A failed example, at the line of its operation in the document. */
    static final class ExampleFailure extends AssertionError {
        final int line;

        ExampleFailure(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private Path scratch;

    /** A directory for the shell blocks, with {@code photo.jpg}: a 640x480 JPEG. */
    private Path scratchDirectory() throws IOException {
        if (scratch == null) {
            scratch = Files.createDirectories(Path.of("target", "docs-examples"));
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 640; x++) {
                for (int y = 0; y < 480; y++) {
                    image.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | 0x60);
                }
            }
            ImageIO.write(image, "jpg", scratch.resolve("photo.jpg").toFile());
        }
        return scratch;
    }

    private static String type(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isArray() ? "a list" : "an object";
    }

    private static String indent(String text) {
        return "    | " + text.strip().replace("\n", "\n    | ");
    }

    private static String abbreviate(String text) {
        return text.length() <= 3000 ? text : text.substring(0, 3000) + "...";
    }
}
