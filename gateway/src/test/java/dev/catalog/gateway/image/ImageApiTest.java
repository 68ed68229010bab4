package dev.catalog.gateway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageApiTest extends ApiTest {

    @Test
    void a_created_image_has_priority_100_by_default_and_is_readable_at_once() {
        int productId = createProduct(unique("Phone"), 199, null);

        var created = graphQl.documentName("createImage")
                .variable("inp", imageInput("https://cdn.example.com/phone.jpg", null, productId)).execute();

        created.path("createImage.priority").entity(Integer.class).isEqualTo(100)
                .path("createImage.productId").entity(Integer.class).isEqualTo(productId)
                .path("createImage.version").entity(Integer.class).isEqualTo(1);
        int id = created.path("createImage.id").entity(Integer.class).get();
        graphQl.documentName("getImage").variable("imageId", id).execute()
                .path("getImage.url").entity(String.class).isEqualTo("https://cdn.example.com/phone.jpg");
        graphQl.documentName("image").variable("id", id).execute()
                .path("image.id").entity(Integer.class).isEqualTo(id);
        graphQl.documentName("getAllImages").execute()
                .path("getAllImages[*].id").entityList(Integer.class).contains(id);
    }

    @Test
    void a_products_images_come_highest_priority_first_then_by_id() {
        int productId = createProduct(unique("Watch"), 250, null);
        int low = createImage(productId, "https://cdn.example.com/w-low.jpg", 5);
        int highA = createImage(productId, "https://cdn.example.com/w-high-a.jpg", 90);
        int highB = createImage(productId, "https://cdn.example.com/w-high-b.jpg", 90);
        int middle = createImage(productId, "https://cdn.example.com/w-mid.jpg", 50);

        graphQl.documentName("product").variable("id", productId).execute()
                .path("product.images[*].id").entityList(Integer.class).containsExactly(highA, highB, middle, low);
        List<Integer> fromList = graphQl.documentName("getActiveProductsSortedById").execute()
                .path("getActiveProductsSortedById[?(@.id == " + productId + ")].images[*].id")
                .entityList(Integer.class).get();
        assertThat(fromList).containsExactly(highA, highB, middle, low);
    }

    @Test
    void an_image_url_must_be_an_absolute_http_or_https_url() {
        int productId = createProduct(unique("Kettle"), 30, null);
        for (String url : List.of("ftp://example.com/a.png", "/relative/a.png", "not a url", "",
                "https://example.com/a\u0000.png",
                "https://example.com/" + "a".repeat(2040))) {
            expectError(graphQl.documentName("createImage").variable("inp", imageInput(url, 10, productId)).execute(),
                    "BAD_USER_INPUT", "url");
        }
    }

    @Test
    void a_priority_outside_0_to_100_is_bad_user_input() {
        int productId = createProduct(unique("Toaster"), 30, null);
        expectError(graphQl.documentName("createImage")
                .variable("inp", imageInput("https://e.example.com/t.png", 101, productId)).execute(),
                "BAD_USER_INPUT", "priority");
        expectError(graphQl.documentName("createImage")
                .variable("inp", imageInput("https://e.example.com/t.png", -1, productId)).execute(),
                "BAD_USER_INPUT", "priority");
    }

    @Test
    void an_image_of_a_product_that_does_not_exist_is_not_found() {
        expectError(graphQl.documentName("createImage")
                .variable("inp", imageInput("https://e.example.com/x.png", 10, 987654321)).execute(),
                "NOT_FOUND", "productId");
    }

    @Test
    void a_url_appears_at_most_once_per_product_but_may_repeat_across_products() {
        int first = createProduct(unique("Shoe"), 80, null);
        int second = createProduct(unique("Boot"), 120, null);
        createImage(first, "https://e.example.com/shoe.png", 10);

        expectError(graphQl.documentName("createImage")
                .variable("inp", imageInput("https://e.example.com/shoe.png", 20, first)).execute(),
                "CONFLICT", "url");
        assertThat(createImage(second, "https://e.example.com/shoe.png", 10)).isPositive();
    }

    @Test
    void the_answer_of_a_mutation_is_the_image_exactly_as_a_query_then_reads_it() {
        int productId = createProduct(unique("Tablet"), 299, null);
        Map<?, ?> created = graphQl.documentName("createImage")
                .variable("inp", imageInput("https://cdn.example.com/tablet.jpg", 40, productId)).execute()
                .path("createImage").entity(Map.class).get();
        int id = (Integer) created.get("id");
        assertThat(readImage(id)).isEqualTo(created);

        Map<?, ?> updated = graphQl.documentName("updateImage").variable("imageId", id)
                .variable("updates", imageInput("https://cdn.example.com/tablet-2.jpg", 60, productId)).execute()
                .path("updateImage").entity(Map.class).get();
        assertThat(updated.get("version")).isEqualTo(2);
        assertThat(readImage(id)).isEqualTo(updated);
    }

    private Map<?, ?> readImage(int id) {
        return graphQl.documentName("image").variable("id", id).execute().path("image").entity(Map.class).get();
    }

    @Test
    void an_update_can_move_an_image_to_another_product() {
        int from = createProduct(unique("Hat"), 15, null);
        int to = createProduct(unique("Cap"), 12, null);
        int imageId = createImage(from, "https://e.example.com/hat.png", 10);

        graphQl.documentName("updateImage").variable("imageId", imageId)
                .variable("updates", imageInput("https://e.example.com/cap.png", 70, to)).execute()
                .path("updateImage.productId").entity(Integer.class).isEqualTo(to)
                .path("updateImage.priority").entity(Integer.class).isEqualTo(70)
                .path("updateImage.version").entity(Integer.class).isEqualTo(2);

        graphQl.documentName("product").variable("id", from).execute()
                .path("product.images").entityList(Object.class).hasSize(0);
        graphQl.documentName("product").variable("id", to).execute()
                .path("product.images[*].id").entityList(Integer.class).containsExactly(imageId);
    }

    @Test
    void updating_an_image_that_does_not_exist_returns_null() {
        int productId = createProduct(unique("Scarf"), 15, null);
        graphQl.documentName("updateImage").variable("imageId", 987654321)
                .variable("updates", imageInput("https://e.example.com/s.png", 10, productId)).execute()
                .path("updateImage").valueIsNull();
    }

    @Test
    void deleting_an_image_answers_with_the_old_systems_messages() {
        int productId = createProduct(unique("Glove"), 9, null);
        int imageId = createImage(productId, "https://e.example.com/g.png", 10);

        graphQl.documentName("deleteImage").variable("imageId", imageId).execute()
                .path("deleteImage").entity(String.class).isEqualTo("Image deleted successfully.");
        graphQl.documentName("deleteImage").variable("imageId", imageId).execute()
                .path("deleteImage").entity(String.class).isEqualTo("Image not found.");
        graphQl.documentName("getImage").variable("imageId", imageId).execute().path("getImage").valueIsNull();
        graphQl.documentName("product").variable("id", productId).execute()
                .path("product.images").entityList(Object.class).hasSize(0);
    }

    @Test
    void deleting_an_image_with_a_stale_expected_version_is_a_conflict() {
        int productId = createProduct(unique("Belt"), 9, null);
        int imageId = createImage(productId, "https://e.example.com/b.png", 10);

        expectError(graphQl.documentName("deleteImage").variable("imageId", imageId).variable("expectedVersion", 7)
                .execute(), "CONFLICT", "expectedVersion");
        graphQl.documentName("getImage").variable("imageId", imageId).execute()
                .path("getImage.id").entity(Integer.class).isEqualTo(imageId);
    }
}
