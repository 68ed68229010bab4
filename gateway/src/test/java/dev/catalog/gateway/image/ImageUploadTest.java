package dev.catalog.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.files.FileSystemImageStore;
import dev.catalog.gateway.ApiTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploading images through {@code /graphql} as the GraphQL multipart request specification sends them, over real
 * HTTP, into the embedded image store, and fetching them back from their {@code url}.
 */
class ImageUploadTest extends ApiTest {

    static final String UPLOAD = """
            mutation Upload($productId: Int!, $file: Upload!, $priority: Int) {
              uploadImage(productId: $productId, file: $file, priority: $priority) {
                id url priority productId contentType byteSize width height
              }
            }""";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    FileSystemImageStore store;

    @Test
    void a_five_megabyte_jpeg_uploaded_through_the_multipart_spec_comes_back_byte_for_byte_from_its_url() throws Exception {
        int product = createProduct(unique("Uploaded"), 10, "ACTIVE");
        byte[] jpeg = TestImages.jpeg(2000, 1500);
        assertThat(jpeg.length).as("the JPEG's size").isGreaterThan(5_000_000);

        JsonNode image = data(upload(product, "photo.jpg", "image/jpeg", jpeg, true)).get("uploadImage");

        assertThat(image.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(image.get("byteSize").asLong()).isEqualTo(jpeg.length);
        assertThat(image.get("width").asInt()).isEqualTo(2000);
        assertThat(image.get("height").asInt()).isEqualTo(1500);
        assertThat(image.get("priority").asInt()).isEqualTo(7);
        String url = image.get("url").asString();
        assertThat(url).startsWith("http://localhost:" + port + "/files/").endsWith(".jpg");

        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(jpeg);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(file.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("max-age=31536000", "public", "immutable"));
        String etag = file.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(url)).header("If-None-Match", etag)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).as("a revalidation with the ETag").isEqualTo(304);

        JsonNode read = post("{\"query\": \"{ image(id: " + image.get("id").asInt()
                + ") { url contentType byteSize width height } }\"}").get("data").get("image");
        assertThat(read.get("url").asString()).isEqualTo(url);
        assertThat(read.get("width").asInt()).isEqualTo(2000);
        assertThat(read.get("height").asInt()).isEqualTo(1500);
        assertThat(read.get("byteSize").asLong()).isEqualTo(jpeg.length);
    }

    @Test
    void a_rebuilt_image_view_keeps_the_uploaded_files_metadata() throws Exception {
        int product = createProduct(unique("Rebuilt"), 10, "ACTIVE");
        data(upload(product, "r.png", "image/png", TestImages.png(12, 9), true));

        JsonNode verified = post("{\"query\": \"{ verifyProjection(name: \\\"image-view\\\") { events differences } }\"}");

        assertThat(verified.at("/data/verifyProjection/events").asLong()).as(verified.toString()).isPositive();
        assertThat(verified.at("/data/verifyProjection/differences").asLong())
                .as("rows of image_view, file metadata included, that differ from a fold of the events").isZero();
    }

    @Test
    void the_file_name_the_client_sends_never_becomes_a_path() throws Exception {
        int product = createProduct(unique("Named"), 10, "ACTIVE");
        byte[] png = TestImages.png(3, 2);

        JsonNode image = data(upload(product, "../../../etc/passwd", "image/png", png, true)).get("uploadImage");

        assertThat(image.get("url").asString()).matches(".*/files/[0-9a-f]{64}\\.png");
        assertThat(storedFiles()).allSatisfy(file -> assertThat(file.getFileName().toString())
                .matches("[0-9a-f]{64}\\.(jpg|png|gif|webp)"));
    }

    @Test
    void an_image_given_as_a_url_has_no_file_metadata() {
        int product = createProduct(unique("By url"), 10, "ACTIVE");
        int image = createImage(product, "https://img.example.com/" + UUID.randomUUID() + ".png", null);

        JsonNode read = post("{\"query\": \"{ image(id: " + image + ") { contentType byteSize width height } }\"}")
                .get("data").get("image");

        assertThat(read.get("contentType").isNull()).isTrue();
        assertThat(read.get("width").isNull()).isTrue();
    }

    // --- refused, nothing stored

    @Test
    void a_multipart_upload_without_a_preflight_header_is_refused_before_its_body_is_read() throws Exception {
        int product = createProduct(unique("No preflight"), 10, "ACTIVE");
        List<Path> before = storedFiles();

        HttpResponse<String> response = upload(product, "a.png", "image/png", TestImages.png(4, 4), false);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Apollo-Require-Preflight");
        assertNothingStored(before, product);
    }

    @Test
    void a_file_over_the_limit_is_refused_with_413_from_its_declared_length() throws Exception {
        int product = createProduct(unique("Too large"), 10, "ACTIVE");
        List<Path> before = storedFiles();

        HttpResponse<String> response = upload(product, "big.jpg", "image/jpeg", new byte[11 * 1024 * 1024], true);

        assertThat(response.statusCode()).isEqualTo(413);
        assertNothingStored(before, product);
    }

    @Test
    void a_file_over_the_limit_sent_without_a_length_is_refused_with_413_once_the_limit_is_read() throws Exception {
        int product = createProduct(unique("Too large, chunked"), 10, "ACTIVE");
        List<Path> before = storedFiles();
        byte[] body = multipart(product, "big.jpg", "image/jpeg", new byte[11 * 1024 * 1024]);

        HttpResponse<String> response = http.send(request(true)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertNothingStored(before, product);
    }

    @Test
    void bytes_that_are_no_image_are_refused_whatever_their_declared_type() throws Exception {
        int product = createProduct(unique("Not an image"), 10, "ACTIVE");
        List<Path> before = storedFiles();

        JsonNode error = firstError(upload(product, "page.png", "image/png",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8), true));

        assertThat(error.at("/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.at("/extensions/field").asString()).isEqualTo("file");
        assertNothingStored(before, product);
    }

    @Test
    void an_svg_is_refused() throws Exception {
        int product = createProduct(unique("Svg"), 10, "ACTIVE");
        List<Path> before = storedFiles();
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8);

        JsonNode error = firstError(upload(product, "logo.svg", "image/svg+xml", svg, true));

        assertThat(error.at("/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertNothingStored(before, product);
    }

    @Test
    void bytes_of_another_image_type_than_the_declared_one_are_refused() throws Exception {
        int product = createProduct(unique("Mislabelled"), 10, "ACTIVE");
        List<Path> before = storedFiles();

        JsonNode error = firstError(upload(product, "photo.png", "image/png", TestImages.jpeg(8, 8), true));

        assertThat(error.at("/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("message").asString()).contains("image/png", "image/jpeg");
        assertNothingStored(before, product);
    }

    @Test
    void a_decompression_bomb_is_refused_from_its_header() throws Exception {
        int product = createProduct(unique("Bomb"), 10, "ACTIVE");
        List<Path> before = storedFiles();
        byte[] bomb = pngHeader(100_000, 100_000);
        assertThat(bomb.length).isLessThan(1024);

        JsonNode error = firstError(upload(product, "bomb.png", "image/png", bomb, true));

        assertThat(error.at("/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(error.get("message").asString()).contains("pixels");
        assertNothingStored(before, product);
    }

    @Test
    void an_upload_to_a_product_that_does_not_exist_is_refused() throws Exception {
        List<Path> before = storedFiles();

        JsonNode error = firstError(upload(999_999_999, "a.png", "image/png", TestImages.png(5, 5), true));

        assertThat(error.at("/extensions/code").asString()).isEqualTo("NOT_FOUND");
        assertThat(storedFiles()).isEqualTo(before);
    }

    @Test
    void an_upload_variable_sent_as_json_is_refused() {
        int product = createProduct(unique("Json upload"), 10, "ACTIVE");

        JsonNode answer = post("{\"query\": \"" + UPLOAD.replace("\"", "\\\"").replace("\n", " ")
                + "\", \"variables\": {\"productId\": " + product + ", \"file\": \"not a file\"}}");

        assertThat(answer.at("/errors/0/message").asString()).contains("multipart");
        assertThat(imageCount(product)).isZero();
    }

    // --- helpers

    private void assertNothingStored(List<Path> before, int product) throws IOException {
        assertThat(storedFiles()).as("the stored files").isEqualTo(before);
        try (Stream<Path> staged = Files.list(store.stagingDirectory())) {
            assertThat(staged.filter(Files::isRegularFile).toList()).as("files left in staging").isEmpty();
        }
        assertThat(imageCount(product)).as("images of the product").isZero();
    }

    private int imageCount(int product) {
        return post("{\"query\": \"{ product(id: " + product + ") { images { id } } }\"}")
                .at("/data/product/images").size();
    }

    private List<Path> storedFiles() throws IOException {
        Path root = store.stagingDirectory().getParent();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.startsWith(store.stagingDirectory()))
                    .sorted().toList();
        }
    }

    private HttpResponse<String> upload(int product, String fileName, String contentType, byte[] bytes,
                                        boolean preflight) throws Exception {
        return http.send(request(preflight)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(product, fileName, contentType, bytes)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(boolean preflight) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        return preflight ? request.header("Apollo-Require-Preflight", "true") : request;
    }

    static final String BOUNDARY = "catalog-" + UUID.randomUUID();

    /** The three parts of the specification: operations, map, and the file as part "0". */
    static byte[] multipart(int product, String fileName, String contentType, byte[] bytes)
            throws IOException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("productId", product);
        variables.put("priority", 7);
        variables.put("file", null); // filled by the file part, as the map says
        String operations = JSON.writeValueAsString(Map.of("query", UPLOAD, "variables", variables));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n" + operations
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n"
                + "{\"0\": [\"variables.file\"]}\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"0\"; "
                + "filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(bytes);
        body.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private JsonNode post(String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode data(HttpResponse<String> response) {
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.has("errors")).as("errors in %s", response.body()).isFalse();
        return answer.get("data");
    }

    private static JsonNode firstError(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.at("/data/uploadImage").isNull() || answer.at("/data").isNull())
                .as("no image in %s", response.body()).isTrue();
        return answer.get("errors").get(0);
    }

    /** A PNG signature and an IHDR chunk declaring {@code width} x {@code height}, and nothing else. */
    private static byte[] pngHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }
}
