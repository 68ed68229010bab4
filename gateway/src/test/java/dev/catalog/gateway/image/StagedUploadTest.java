package dev.catalog.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.files.StagedUploads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Staged uploads against the embedded image store, over real HTTP: {@code createImageUpload}, the bytes sent with
 * {@code curl -T} (or the JDK's client) to the signed URL, then {@code createImage(inp: {uploadId})}.
 */
class StagedUploadTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StagedUploads stagedUploads;

    @Test
    void a_five_megabyte_jpeg_staged_and_sent_with_curl_comes_back_byte_for_byte_from_the_images_url() throws Exception {
        int product = createProduct(unique("Staged"), 10, "ACTIVE");
        byte[] jpeg = TestImages.jpeg(2000, 1500);
        assertThat(jpeg.length).isGreaterThan(5_000_000);
        Path file = Files.createTempFile("staged-", ".jpg");
        Files.write(file, jpeg);
        JsonNode upload = createUpload(product, "image/jpeg", jpeg.length);

        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-T",
                file.toString(), "-H", "Content-Type: image/jpeg", upload.get("uploadUrl").asString())
                .redirectErrorStream(true).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();
        assertThat(status).isEqualTo("200");

        JsonNode image = attach(upload.get("uploadId").asString(), product).at("/data/createImage");
        assertThat(image.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(image.get("width").asInt()).isEqualTo(2000);
        assertThat(image.get("height").asInt()).isEqualTo(1500);
        assertThat(image.get("byteSize").asLong()).isEqualTo(jpeg.length);
        HttpResponse<byte[]> fetched = http.send(HttpRequest.newBuilder(URI.create(image.get("url").asString()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.body()).isEqualTo(jpeg);
    }

    @Test
    void an_upload_url_takes_one_put_and_its_upload_is_attached_once() throws Exception {
        int product = createProduct(unique("Once"), 10, "ACTIVE");
        byte[] png = TestImages.png(10, 10);
        JsonNode upload = createUpload(product, "image/png", png.length);
        String url = upload.get("uploadUrl").asString();

        assertThat(put(url, "image/png", png).statusCode()).isEqualTo(200);
        assertThat(put(url, "image/png", png).statusCode()).as("the same URL again").isEqualTo(409);
        assertThat(attach(upload.get("uploadId").asString(), product).at("/data/createImage/id").isInt()).isTrue();

        assertThat(put(url, "image/png", png).statusCode()).as("the URL after its attachment").isEqualTo(404);
        JsonNode again = attach(upload.get("uploadId").asString(), product);
        assertThat(again.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(again.at("/errors/0/extensions/field").asString()).isEqualTo("uploadId");
        assertThat(imageCount(product)).isEqualTo(1);
    }

    @Test
    void a_forged_upload_url_is_refused_and_stores_nothing() throws Exception {
        int product = createProduct(unique("Forged"), 10, "ACTIVE");
        byte[] png = TestImages.png(10, 10);
        JsonNode upload = createUpload(product, "image/png", png.length);
        String url = upload.get("uploadUrl").asString();
        int signature = url.indexOf("signature=") + "signature=".length();
        char first = url.charAt(signature);
        String forged = url.substring(0, signature) + (first == 'A' ? 'B' : 'A') + url.substring(signature + 1);
        String madeUp = url.replace(upload.get("uploadId").asString(), "A".repeat(43));

        assertThat(put(forged, "image/png", png).statusCode()).isEqualTo(403);
        assertThat(put(madeUp, "image/png", png).statusCode()).isEqualTo(404);
        assertThat(attach(upload.get("uploadId").asString(), product).at("/errors/0/message").asString())
                .contains("PUT them");
        assertThat(imageCount(product)).isZero();
    }

    @Test
    void an_expired_upload_url_is_refused_and_the_upload_is_removed_by_the_sweep() throws Exception {
        int product = createProduct(unique("Expired"), 10, "ACTIVE");
        byte[] png = TestImages.png(10, 10);
        JsonNode upload = createUpload(product, "image/png", png.length);
        String uploadId = upload.get("uploadId").asString();
        // Expired two minutes ago, and signed with the service's own key, as the URL it handed out would have been.
        Instant past = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("UPDATE image_upload SET expires_at = :at WHERE upload_id = :id")
                .param("at", OffsetDateTime.ofInstant(past, ZoneOffset.UTC)).param("id", uploadId).update();
        String url = "http://localhost:" + port + "/uploads/" + uploadId + "?expires=" + past.getEpochSecond()
                + "&signature=" + sign(uploadId + "\n" + product + "\nimage/png\n" + png.length + "\n"
                + past.getEpochSecond());

        assertThat(put(url, "image/png", png).statusCode()).isEqualTo(403);
        assertThat(attach(uploadId, product).at("/errors/0/message").asString()).contains("expired");

        stagedUploads.removeExpired();
        assertThat(jdbc.sql("SELECT count(*) FROM image_upload WHERE upload_id = :id").param("id", uploadId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void bytes_of_another_type_or_length_than_declared_are_refused_at_the_put() throws Exception {
        int product = createProduct(unique("Mismatch"), 10, "ACTIVE");
        byte[] png = TestImages.png(10, 10);
        String url = createUpload(product, "image/png", png.length).get("uploadUrl").asString();

        assertThat(put(url, "image/jpeg", png).statusCode()).isEqualTo(415);
        byte[] longer = Arrays.copyOf(png, png.length + 1);
        assertThat(put(url, "image/png", longer).statusCode()).isEqualTo(400);
        assertThat(put(url, "image/png", png).statusCode()).as("the right bytes after the refusals").isEqualTo(200);
    }

    @Test
    void bytes_that_are_no_image_are_refused_at_the_attachment_and_no_image_is_made() throws Exception {
        int product = createProduct(unique("Html"), 10, "ACTIVE");
        byte[] html = "<html><body>not a picture</body></html>".getBytes(StandardCharsets.UTF_8);
        JsonNode upload = createUpload(product, "image/png", html.length);
        assertThat(put(upload.get("uploadUrl").asString(), "image/png", html).statusCode()).isEqualTo(200);

        JsonNode answer = attach(upload.get("uploadId").asString(), product);

        assertThat(answer.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(answer.at("/errors/0/extensions/field").asString()).isEqualTo("uploadId");
        assertThat(imageCount(product)).isZero();
    }

    @Test
    void an_upload_made_for_one_product_is_not_attached_to_another() throws Exception {
        int product = createProduct(unique("Signed for"), 10, "ACTIVE");
        int other = createProduct(unique("Not signed for"), 10, "ACTIVE");
        byte[] png = TestImages.png(10, 10);
        JsonNode upload = createUpload(product, "image/png", png.length);
        assertThat(put(upload.get("uploadUrl").asString(), "image/png", png).statusCode()).isEqualTo(200);

        JsonNode answer = attach(upload.get("uploadId").asString(), other);

        assertThat(answer.at("/errors/0/message").asString()).contains("made for product " + product);
        assertThat(imageCount(other)).isZero();
        assertThat(attach(upload.get("uploadId").asString(), product).at("/data/createImage/productId").asInt())
                .as("still attachable to its own product").isEqualTo(product);
    }

    @Test
    void an_upload_of_a_type_the_catalog_does_not_take_or_out_of_bounds_or_for_no_product_is_not_made() {
        int product = createProduct(unique("Bad uploads"), 10, "ACTIVE");

        assertThat(createUploadAnswer(product, "image/svg+xml", 100).at("/errors/0/extensions/field").asString())
                .isEqualTo("contentType");
        assertThat(createUploadAnswer(product, "image/png", 11 * 1024 * 1024).at("/errors/0/extensions/field")
                .asString()).isEqualTo("byteSize");
        assertThat(createUploadAnswer(product, "image/png", 0).at("/errors/0/extensions/field").asString())
                .isEqualTo("byteSize");
        assertThat(createUploadAnswer(999_999_999, "image/png", 100).at("/errors/0/extensions/code").asString())
                .isEqualTo("NOT_FOUND");
    }

    // --- helpers

    private JsonNode createUpload(int product, String contentType, int byteSize) {
        JsonNode answer = createUploadAnswer(product, contentType, byteSize);
        assertThat(answer.has("errors")).as("errors in %s", answer).isFalse();
        return answer.at("/data/createImageUpload");
    }

    private JsonNode createUploadAnswer(int product, String contentType, int byteSize) {
        return post("mutation { createImageUpload(productId: " + product + ", contentType: \\\"" + contentType
                + "\\\", byteSize: " + byteSize + ") { uploadId uploadUrl expiresAt } }");
    }

    private JsonNode attach(String uploadId, int product) {
        return post("mutation { createImage(inp: {uploadId: \\\"" + uploadId + "\\\", productId: " + product
                + "}) { id url productId contentType byteSize width height } }");
    }

    private int imageCount(int product) {
        return post("{ product(id: " + product + ") { images { id } } }").at("/data/product/images").size();
    }

    private HttpResponse<String> put(String url, String contentType, byte[] bytes) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode post(String query) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(String text) throws Exception {
        byte[] key = jdbc.sql("SELECT key FROM upload_signing_key").query(byte[].class).single();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
