package dev.catalog.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Resized variants of uploaded images: {@code Image.url(maxWidth, maxHeight)}, made on the first fetch, kept after. */
class ImageVariantTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    MeterRegistry registry;

    @Test
    void a_variant_is_served_within_the_requested_bounds_and_the_second_request_does_not_resize_again()
            throws Exception {
        int product = createProduct(unique("Variants"), 10, "ACTIVE");
        int image = uploadPng(product, 1000, 500);

        String url = post("{ image(id: " + image + ") { url(maxWidth: 300) } }").at("/data/image/url").asString();
        assertThat(url).contains("/files/variants/256x0/");
        double madeBefore = made();

        HttpResponse<byte[]> first = get(url);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(first.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("immutable"));
        assertThat(TestImages.size(first.body())).containsExactly(256, 128);
        assertThat(made()).as("variants made by the first request").isEqualTo(madeBefore + 1);

        HttpResponse<byte[]> second = get(url);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(made()).as("variants made by the second request").isEqualTo(madeBefore + 1);
    }

    @Test
    void both_bounds_keep_the_aspect_ratio_and_an_image_that_fits_is_its_own_variant() throws Exception {
        int product = createProduct(unique("Bounds"), 10, "ACTIVE");
        int image = uploadPng(product, 600, 900);

        JsonNode urls = post("{ image(id: " + image + ") { url tall: url(maxWidth: 1000, maxHeight: 200) "
                + "large: url(maxWidth: 4000) } }").at("/data/image");

        assertThat(urls.get("large").asString()).as("an image within the bounds").isEqualTo(urls.get("url").asString());
        assertThat(TestImages.size(get(urls.get("tall").asString()).body())).containsExactly(85, 128);
    }

    @Test
    void bounds_under_sixteen_are_refused_and_an_image_given_as_a_url_is_served_as_it_is() {
        int product = createProduct(unique("By url"), 10, "ACTIVE");
        String given = "https://img.example.com/" + UUID.randomUUID() + ".png";
        int image = createImage(product, given, null);

        JsonNode answer = post("{ image(id: " + image + ") { small: url(maxWidth: 100) } }");
        assertThat(answer.at("/data/image/small").asString()).isEqualTo(given);

        JsonNode refused = post("{ image(id: " + image + ") { url(maxWidth: 8) } }");
        assertThat(refused.at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
        assertThat(refused.at("/errors/0/extensions/field").asString()).isEqualTo("maxWidth");
    }

    @Test
    void bounds_that_the_service_never_hands_out_are_not_made() throws Exception {
        int product = createProduct(unique("Made up bounds"), 10, "ACTIVE");
        int image = uploadPng(product, 300, 300);
        String url = post("{ image(id: " + image + ") { url(maxWidth: 64) } }").at("/data/image/url").asString();
        double madeBefore = made();

        assertThat(get(url.replace("/64x0/", "/65x0/")).statusCode()).isEqualTo(404);
        assertThat(get(url.replace("/64x0/", "/4096x0/")).statusCode()).isEqualTo(404);
        assertThat(get(url.replace("/64x0/", "/0x0/")).statusCode()).isEqualTo(404);
        assertThat(made()).isEqualTo(madeBefore);
    }

    // --- helpers

    private int uploadPng(int product, int width, int height) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "multipart/form-data; boundary=" + ImageUploadTest.BOUNDARY)
                .header("Apollo-Require-Preflight", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ImageUploadTest.multipart(product, "p.png", "image/png",
                        TestImages.png(width, height))))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.has("errors")).as("errors in %s", response.body()).isFalse();
        return answer.at("/data/uploadImage/id").asInt();
    }

    private double made() {
        return registry.get("catalog.files.variants.made").counter().count();
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode post(String query) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            java.util.Map.of("query", query)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
