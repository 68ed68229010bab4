package dev.catalog.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link EventStoreTable} is the only class whose code names the event-store table: scans the main sources of every
 * module of the project (comments left out; tests may query the table as they like).
 */
class EventStoreTableOwnershipTest {

    private static final String TABLE = "domainevententry";
    private static final Pattern COMMENTS = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void no_class_but_the_event_store_table_names_the_table_in_its_code() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> sources;
        try (Stream<Path> modules = Files.list(root)) {
            sources = modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory)
                    .flatMap(EventStoreTableOwnershipTest::javaFiles).toList();
        }
        assertThat(sources).as("the project's main sources, found from the platform module")
                .anyMatch(source -> source.endsWith("dev/catalog/platform/eventstore/EventStoreTable.java"))
                .anyMatch(source -> source.toString().contains("query-side"));

        List<String> naming = sources.stream().filter(source -> code(source).contains(TABLE))
                .map(source -> root.relativize(source).toString()).toList();

        assertThat(naming).containsExactly("platform/src/main/java/dev/catalog/platform/eventstore/EventStoreTable.java");
    }

    private static Stream<Path> javaFiles(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The source without its comments, in lower case. */
    private static String code(Path source) {
        try {
            return COMMENTS.matcher(Files.readString(source)).replaceAll("").toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
