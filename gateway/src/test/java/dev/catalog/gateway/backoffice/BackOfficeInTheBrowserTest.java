package dev.catalog.gateway.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.NodeHarness;
import dev.catalog.gateway.security.Tokens;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demo back office ({@code examples/back-office}) in a real headless Chromium against this service, signed in
 * with real tokens: its script ({@code e2e/back-office.mjs}, playwright-core driving Debian's {@code chromium})
 * serves the built app with Vite's preview server in front of the service and opens two pages. A product created
 * and an image dropped in one appear in the other without a reload, a stale edit shows the CONFLICT, the history
 * lists the changes; screenshots of the views go to {@code target/back-office-screenshots} (CI keeps them).
 *
 * <p>Needs {@code chromium} (else skipped with a message, unless {@code CATALOG_BROWSER_TESTS=required}), and Node.js
 * with the app's packages, which {@code bin/test} installs (else skipped, unless
 * {@code CATALOG_FEDERATION_TESTS=required}). The script builds the app first when {@code dist/} is missing or
 * older than its sources.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                "catalog.jwt.secret=" + BackOfficeInTheBrowserTest.SECRET,
                "catalog.jwt.audience=" + Tokens.AUDIENCE})
class BackOfficeInTheBrowserTest {

    static final String SECRET = "a-secret-for-the-back-office-in-the-browser";
    private static final Path APP = Path.of("..", "examples", "back-office");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "back-office-screenshots");
    private static final Path LOG = Path.of("target", "back-office-e2e.log");

    @Value("${local.server.port}")
    int port;

    /** Per test, so that surefire reports a skip as a skipped test (see ApolloUploadClientTest). */
    @BeforeEach
    void chromiumNodeAndTheAppsPackagesAreInstalled() {
        boolean chromium = Files.isExecutable(CHROMIUM);
        if (!chromium && "required".equals(System.getenv("CATALOG_BROWSER_TESTS"))) {
            throw new IllegalStateException(CHROMIUM + " is missing and CATALOG_BROWSER_TESTS=required");
        }
        Assumptions.assumeTrue(chromium, "SKIPPED: " + CHROMIUM
                + " is not installed (apt-get install chromium); the back office browser test did not run");
        NodeHarness.require(APP, "the back office's packages (Vite, Apollo Client, playwright-core)",
                "vite", "@apollo/client", "playwright-core");
    }

    @Test
    void two_pages_see_each_others_product_and_image_live_and_a_stale_edit_shows_the_conflict() throws Exception {
        Path image = Path.of("target", "back-office-photo.png").toAbsolutePath();
        ImageIO.write(noise(320, 240), "png", image.toFile());
        String token = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(10))
                .subject("back-office-e2e").build());

        ProcessBuilder script = new ProcessBuilder("node", "e2e/back-office.mjs", image.toString(),
                SCREENSHOTS.toAbsolutePath().toString())
                .directory(APP.toFile())
                .redirectErrorStream(true)
                .redirectOutput(LOG.toFile());
        script.environment().put("CATALOG_URL", "http://localhost:" + port);
        script.environment().put("CATALOG_TOKEN", token);
        Process node = script.start();
        node.getOutputStream().close();
        boolean finished = node.waitFor(90, TimeUnit.SECONDS);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(LOG);
        System.out.println(output);

        assertThat(finished).as("e2e/back-office.mjs finished within 90 s:\n%s", output).isTrue();
        assertThat(node.exitValue()).as("exit status of e2e/back-office.mjs:\n%s", output).isZero();
        assertThat(output).as(output).doesNotContain("not ok").containsPattern("(?m)^\\d+ passed, 0 failed$")
                .contains("appears in page B's list without a reload", "appears on page B's", "CONFLICT");
        assertThat(SCREENSHOTS.resolve("conflict.png")).exists();
    }

    private static BufferedImage noise(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }
}
