package dev.catalog.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.NodeHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference client of uploads: Apollo Client with apollo-upload-client's {@code UploadHttpLink} on Node.js
 * ({@code src/test/federation/uploads.mjs}) sends a real file to {@code /graphql} as the GraphQL multipart request
 * specification says, and the stored file comes back from its {@code url}.
 *
 * <p>Needs Node.js and the packages of {@code src/test/federation} ({@code bin/test} installs them with
 * {@code npm ci}); without them the test is skipped with a message, unless {@code CATALOG_FEDERATION_TESTS=required}
 * (CI) makes that a failure.
 */
class ApolloUploadClientTest extends ApiTest {

    private static final Path HARNESS = NodeHarness.DIRECTORY;
    private static final String LOG = "apollo-upload-client.log";

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Per test, not in a static {@code @BeforeAll}: surefire counts a test skipped there as no test at all, where here
     * it is reported as skipped (the application context it costs is shared with the other API tests).
     */
    @BeforeEach
    void nodeAndTheClientPackagesAreInstalled() {
        NodeHarness.require("Apollo Client and apollo-upload-client", "apollo-upload-client", "@apollo/client");
    }

    @Test
    void apollo_clients_upload_link_uploads_an_image_that_comes_back_byte_for_byte(@TempDir Path directory)
            throws Exception {
        int product = createProduct(unique("Apollo upload"), 10, "ACTIVE");
        Path file = directory.resolve("photo.png");
        byte[] bytes = TestImages.png(640, 480);
        Files.write(file, bytes);

        JsonNode image = upload(product, file).get("uploadImage");

        assertThat(image.get("productId").asInt()).isEqualTo(product);
        assertThat(image.get("priority").asInt()).as("the default priority").isEqualTo(100);
        assertThat(image.get("contentType").asString()).isEqualTo("image/png");
        assertThat(image.get("width").asInt()).isEqualTo(640);
        assertThat(image.get("height").asInt()).isEqualTo(480);
        assertThat(image.get("byteSize").asLong()).isEqualTo(bytes.length);
        String url = image.get("url").asString();
        assertThat(url).matches("http://localhost:" + port + "/files/[0-9a-f]{64}\\.png");

        HttpResponse<byte[]> stored = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(stored.body()).as("the stored file").isEqualTo(bytes);
    }

    /** Runs {@code node uploads.mjs} against {@code /graphql}; answers what it prints, the mutation's data. */
    private JsonNode upload(int product, Path file) throws IOException, InterruptedException {
        Process client = new ProcessBuilder("node", "uploads.mjs", "http://localhost:" + port + "/graphql",
                String.valueOf(product), file.toAbsolutePath().toString())
                .directory(HARNESS.toFile())
                .redirectError(Path.of("target", LOG).toFile())
                .start();
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("uploads.mjs did not finish in 60 s; see target/" + LOG);
        }
        assertThat(client.exitValue()).as("exit status of uploads.mjs; see target/" + LOG).isZero();
        return JsonMapper.shared().readTree(output);
    }
}
