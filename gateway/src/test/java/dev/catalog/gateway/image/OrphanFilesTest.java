package dev.catalog.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.files.OrphanFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deleting images removes their stored files and variants once no image names the same content any more, and never
 * a file an image still names or one stored within the grace period.
 */
class OrphanFilesTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    OrphanFiles orphans;

    @Test
    void a_deleted_images_file_and_its_variant_are_removed_once_no_image_names_them() throws Exception {
        int product = createProduct(unique("Deleted image"), 10, "ACTIVE");
        JsonNode image = upload(product, TestImages.png(400, 200));
        String url = image.get("url").asString();
        String variant = post("{ image(id: " + image.get("id").asInt() + ") { url(maxWidth: 64) } }")
                .at("/data/image/url").asString();
        assertThat(status(variant)).isEqualTo(200);

        post("mutation { deleteImage(imageId: " + image.get("id").asInt() + ") }");
        orphans.collect(Duration.ZERO); // the original, and its variants' mapping
        orphans.collect(Duration.ZERO); // the variant, which nothing maps any more

        assertThat(status(url)).isEqualTo(404);
        assertThat(status(variant)).as("the variant, not made again for a missing original").isEqualTo(404);
    }

    @Test
    void a_file_two_images_show_stays_until_the_second_is_deleted() throws Exception {
        byte[] png = TestImages.png(50, 50);
        int first = createProduct(unique("Shared one"), 10, "ACTIVE");
        int second = createProduct(unique("Shared two"), 10, "ACTIVE");
        JsonNode one = upload(first, png);
        JsonNode two = upload(second, png);
        assertThat(two.get("url").asString()).isEqualTo(one.get("url").asString());

        post("mutation { deleteImage(imageId: " + one.get("id").asInt() + ") }");
        orphans.collect(Duration.ZERO);
        assertThat(status(two.get("url").asString())).as("still shown by the second image").isEqualTo(200);

        post("mutation { deleteImage(imageId: " + two.get("id").asInt() + ") }");
        orphans.collect(Duration.ZERO);
        assertThat(status(two.get("url").asString())).isEqualTo(404);
    }

    @Test
    void a_deleted_products_images_files_are_removed_after_the_cascade() throws Exception {
        int product = createProduct(unique("Deleted product"), 10, "ACTIVE");
        JsonNode image = upload(product, TestImages.png(30, 30));

        post("mutation { deleteProduct(productId: " + product + ") }");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            orphans.collect(Duration.ZERO);
            return status(image.get("url").asString()) == 404;
        });
    }

    @Test
    void a_file_no_image_names_is_kept_through_the_grace_period() throws Exception {
        int product = createProduct(unique("Grace"), 10, "ACTIVE");
        JsonNode image = upload(product, TestImages.png(20, 20));
        post("mutation { deleteImage(imageId: " + image.get("id").asInt() + ") }");

        assertThat(orphans.collect(Duration.ofHours(1))).isZero();

        assertThat(status(image.get("url").asString())).isEqualTo(200);
    }

    // --- helpers

    private JsonNode upload(int product, byte[] png) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "multipart/form-data; boundary=" + ImageUploadTest.BOUNDARY)
                .header("Apollo-Require-Preflight", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        ImageUploadTest.multipart(product, "p.png", "image/png", png)))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.has("errors")).as("errors in %s", response.body()).isFalse();
        return answer.at("/data/uploadImage");
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
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
