package dev.catalog.graphql.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * GraphiQL in a real headless Chromium: the page loads from the service alone under its Content-Security-Policy,
 * runs a query and shows the result. Needs Debian's {@code chromium}; without it the test is skipped with a
 * message, unless {@code CATALOG_BROWSER_TESTS=required} (CI) makes that a failure.
 */
class GraphiQlInTheBrowserTest extends ApiTest {

    @BeforeAll
    static void needsChromium() {
        boolean installed = Files.isExecutable(HeadlessChromium.EXECUTABLE);
        if (!installed && "required".equals(System.getenv("CATALOG_BROWSER_TESTS"))) {
            throw new IllegalStateException(HeadlessChromium.EXECUTABLE + " is missing and CATALOG_BROWSER_TESTS=required");
        }
        Assumptions.assumeTrue(installed, "SKIPPED: " + HeadlessChromium.EXECUTABLE
                + " is not installed (apt-get install chromium); the GraphiQL browser test did not run");
    }

    @Test
    void graphiql_runs_a_query_from_the_services_own_origin_without_a_csp_violation() throws Exception {
        String name = unique("Seen in GraphiQL");
        int id = createProduct(name, 12.5, null);
        String origin = "http://localhost:" + port;

        try (HeadlessChromium chromium = HeadlessChromium.start(Duration.ofSeconds(60))) {
            chromium.navigate(origin + "/graphiql");
            chromium.await("!!document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror"
                    + " && !!document.querySelector('.graphiql-execute-button')");
            chromium.evaluate("document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue("
                    + "'{ product(id: " + id + ") { name price } }')");
            chromium.evaluate("document.querySelector('.graphiql-execute-button').click()");
            JsonNode result = chromium.await("(() => { const pane = document.querySelector('.graphiql-response .CodeMirror');"
                    + " const text = pane && pane.CodeMirror.getValue(); return text && text.trim() ? text : null; })()");

            assertThat(result.asString()).contains(name).contains("12.5");
            assertThat(chromium.problems()).as("console errors, exceptions and CSP violations").isEmpty();
            // GraphiQL's fonts are data: URIs in its CSS, not requests to anyone.
            assertThat(chromium.requestedUrls().stream().filter(url -> !url.startsWith("data:")))
                    .as("every request stays on the service's origin")
                    .contains(origin + "/graphiql", origin + "/graphql")
                    .allSatisfy(url -> assertThat(url).startsWith(origin + "/"));
        }
    }
}
