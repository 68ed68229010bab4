package dev.catalog.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service with the S3 image store, against S3Proxy (a real S3-compatible server, in a process of its own):
 * uploads through the multipart specification and staged uploads straight to the bucket, each back byte for byte from
 * the image's {@code url}, and resized variants kept in the bucket.
 */
class S3StoreTest extends ApiTest {

    private static final String BUCKET = "catalog-images";
    private static final String PREFIX = "images/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static S3ProxyProcess s3;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void bucket(DynamicPropertyRegistry registry) throws Exception {
        if (s3 == null) {
            s3 = S3ProxyProcess.start(BUCKET);
        }
        registry.add("catalog.files.store", () -> "s3");
        registry.add("catalog.files.s3.endpoint", () -> s3.endpoint.toString());
        registry.add("catalog.files.s3.bucket", () -> BUCKET);
        registry.add("catalog.files.s3.access-key-id", () -> s3.accessKeyId);
        registry.add("catalog.files.s3.secret-access-key", () -> s3.secretAccessKey);
        registry.add("catalog.files.s3.prefix", () -> PREFIX);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void a_five_megabyte_jpeg_uploaded_through_the_multipart_spec_is_kept_in_the_bucket_and_served_byte_for_byte()
            throws Exception {
        int product = createProduct(unique("S3 upload"), 10, "ACTIVE");
        byte[] jpeg = TestImages.jpeg(2000, 1500);
        assertThat(jpeg.length).isGreaterThan(5_000_000);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "multipart/form-data; boundary=" + ImageUploadTest.BOUNDARY)
                .header("Apollo-Require-Preflight", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        ImageUploadTest.multipart(product, "photo.jpg", "image/jpeg", jpeg)))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode image = JSON.readTree(response.body()).at("/data/uploadImage");

        assertThat(image.get("width").asInt()).as(response.body()).isEqualTo(2000);
        assertThat(image.get("height").asInt()).isEqualTo(1500);
        String url = image.get("url").asString();
        assertThat(get(url).body()).isEqualTo(jpeg);
        String key = url.substring(url.lastIndexOf('/') + 1);
        assertThat(objects()).contains(PREFIX + key);
    }

    @Test
    void a_five_megabyte_jpeg_staged_goes_straight_to_the_bucket_and_comes_back_byte_for_byte_once_attached() throws Exception {
        int product = createProduct(unique("S3 staged"), 10, "ACTIVE");
        byte[] jpeg = TestImages.jpeg(2000, 1500);
        assertThat(jpeg.length).isGreaterThan(5_000_000);
        JsonNode upload = createUpload(product, "image/jpeg", jpeg.length);
        String uploadUrl = upload.get("uploadUrl").asString();
        assertThat(uploadUrl).as("a URL of the bucket, presigned").startsWith(s3.endpoint.toString())
                .contains("X-Amz-Signature=");
        Path file = Files.createTempFile("staged-", ".jpg");
        Files.write(file, jpeg);

        Process curl = new ProcessBuilder("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-T",
                file.toString(), "-H", "Content-Type: image/jpeg", uploadUrl).redirectErrorStream(true).start();
        assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("200");
        assertThat(curl.waitFor()).isZero();

        JsonNode image = post("mutation { createImage(inp: {uploadId: \"" + upload.get("uploadId").asString()
                + "\", productId: " + product + "}) { url width height byteSize } }").at("/data/createImage");
        assertThat(image.get("width").asInt()).isEqualTo(2000);
        assertThat(image.get("height").asInt()).isEqualTo(1500);
        assertThat(get(image.get("url").asString()).body()).isEqualTo(jpeg);
        assertThat(objects()).as("the upload's bytes, once attached")
                .noneMatch(name -> name.endsWith(upload.get("uploadId").asString()));
    }

    @Test
    void the_bucket_refuses_bytes_of_another_type_than_signed_and_nothing_is_attached() throws Exception {
        int product = createProduct(unique("S3 refused"), 10, "ACTIVE");
        byte[] png = TestImages.png(10, 10);
        JsonNode upload = createUpload(product, "image/png", png.length);

        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(upload.get("uploadUrl").asString()))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(403);

        JsonNode answer = post("mutation { createImage(inp: {uploadId: \"" + upload.get("uploadId").asString()
                + "\", productId: " + product + "}) { id } }");
        assertThat(answer.at("/errors/0/extensions/field").asString()).isEqualTo("uploadId");
        assertThat(post("{ product(id: " + product + ") { images { id } } }").at("/data/product/images").size())
                .isZero();
    }

    @Test
    void a_resized_variant_is_made_from_the_bucket_and_kept_there() throws Exception {
        int product = createProduct(unique("S3 variant"), 10, "ACTIVE");
        byte[] png = TestImages.png(400, 200);
        JsonNode upload = createUpload(product, "image/png", png.length);
        http.send(HttpRequest.newBuilder(URI.create(upload.get("uploadUrl").asString()))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.discarding());
        int image = post("mutation { createImage(inp: {uploadId: \"" + upload.get("uploadId").asString()
                + "\", productId: " + product + "}) { id } }").at("/data/createImage/id").asInt();
        int before = objects().size();

        String variant = post("{ image(id: " + image + ") { url(maxWidth: 100) } }").at("/data/image/url").asString();
        HttpResponse<byte[]> fetched = get(variant);

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(TestImages.size(fetched.body())).containsExactly(64, 32);
        assertThat(objects()).as("the variant, in the bucket").hasSize(before + 1);
    }

    // --- helpers

    private List<String> objects() {
        try (S3Client client = s3.client()) {
            return client.listObjectsV2Paginator(list -> list.bucket(BUCKET)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private JsonNode createUpload(int product, String contentType, int byteSize) {
        JsonNode answer = post("mutation { createImageUpload(productId: " + product + ", contentType: \""
                + contentType + "\", byteSize: " + byteSize + ") { uploadId uploadUrl } }");
        assertThat(answer.has("errors")).as("errors in %s", answer).isFalse();
        return answer.at("/data/createImageUpload");
    }

    private HttpResponse<byte[]> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode post(String query) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
