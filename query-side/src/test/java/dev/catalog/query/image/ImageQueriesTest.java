package dev.catalog.query.image;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.query.Await;
import dev.catalog.query.Events;
import dev.catalog.query.ViewRows;
import dev.catalog.query.QuerySideTestApplication;
import dev.catalog.query.product.ProductQueries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ImageQueriesTest {

    @Autowired
    Events events;
    @Autowired
    ViewRows views;
    @Autowired
    ImageQueries images;
    @Autowired
    ProductQueries products;

    private long product(String name) {
        long id = events.createProduct(name + " " + System.nanoTime(), "1.00", ACTIVE);
        Await.until(name + " is projected", () -> views.productVersion(id).isPresent());
        return id;
    }

    private long image(long productId, String url, int priority) {
        long id = events.createImage(productId, url, priority);
        Await.until(url + " is projected", () -> views.imageVersion(id).isPresent());
        return id;
    }

    @Test
    void a_created_image_is_found_with_its_state_and_version_one() {
        long productId = product("Frame");
        long id = image(productId, "https://img/frame.png", 70);

        ImageView view = images.findById(id).orElseThrow();

        assertThat(view.productId()).isEqualTo(productId);
        assertThat(view.url()).isEqualTo("https://img/frame.png");
        assertThat(view.priority()).isEqualTo(70);
        assertThat(view.version()).isEqualTo(1);
        assertThat(view.updatedAt()).isEqualTo(view.createdAt());
    }

    @Test
    void an_update_can_move_an_image_to_another_product() {
        long from = product("Source");
        long to = product("Target");
        long id = image(from, "https://img/moving.png", 10);

        events.updateImage(id, to, from, "https://img/moved.png", 99);
        Await.until("update is projected", () -> views.imageVersion(id).orElse(0) == 2);

        ImageView moved = images.findById(id).orElseThrow();
        assertThat(moved.productId()).isEqualTo(to);
        assertThat(moved.url()).isEqualTo("https://img/moved.png");
        assertThat(moved.priority()).isEqualTo(99);
        assertThat(moved.updatedAt()).isAfterOrEqualTo(moved.createdAt());
        assertThat(images.findByProductIds(List.of(from, to)))
                .containsEntry(from, List.of())
                .containsEntry(to, List.of(moved));
    }

    @Test
    void a_deleted_image_is_gone() {
        long productId = product("Vase");
        long id = image(productId, "https://img/vase.png", 1);

        events.deleteImage(id, productId);
        Await.until("deletion is projected", () -> views.imageVersion(id).isEmpty());

        assertThat(images.findById(id)).isEmpty();
        assertThat(images.findAll(Integer.MAX_VALUE)).extracting(ImageView::id).doesNotContain(id);
    }

    @Test
    void images_of_a_deleted_product_are_hidden_until_their_own_deletion_arrives() {
        long productId = product("Doomed");
        long id = image(productId, "https://img/doomed.png", 1);

        events.deleteProduct(productId);
        Await.until("product deletion is projected", () -> views.productVersion(productId).isEmpty());

        assertThat(images.findById(id)).isEmpty();
        assertThat(images.findAll(Integer.MAX_VALUE)).extracting(ImageView::id).doesNotContain(id);
        assertThat(images.findByProductIds(List.of(productId))).containsEntry(productId, List.of());
        assertThat(views.imageVersion(id)).as("the raw row is still there").hasValue(1);
    }

    @Test
    void all_images_are_listed_by_id() {
        long productId = product("Gallery");
        long first = image(productId, "https://img/g1.png", 1);
        long second = image(productId, "https://img/g2.png", 100);

        List<ImageView> all = images.findAll(Integer.MAX_VALUE);

        assertThat(all).extracting(ImageView::id).isSorted().contains(first, second);
    }

    @Test
    void the_count_of_all_images_is_what_the_unlimited_list_returns_and_a_limit_keeps_the_first() {
        long product = product("Counted images");
        image(product, "https://img/c1.png", 1);
        image(product, "https://img/c2.png", 1);

        List<ImageView> all = images.findAll(Integer.MAX_VALUE);

        assertThat(products.countLists().images()).isEqualTo(all.size());
        assertThat(images.findAll(1)).extracting(ImageView::id).containsExactly(all.getFirst().id());
    }

    @Test
    void batch_loading_maps_every_requested_product_to_its_ordered_images() {
        long a = product("Batch A");
        long b = product("Batch B");
        long a1 = image(a, "https://img/a1.png", 1);
        long a2 = image(a, "https://img/a2.png", 2);
        long b1 = image(b, "https://img/b1.png", 5);

        Map<Long, List<ImageView>> byProduct = images.findByProductIds(List.of(b, a, Long.MAX_VALUE));

        assertThat(byProduct).containsOnlyKeys(b, a, Long.MAX_VALUE);
        assertThat(byProduct.keySet()).containsExactly(b, a, Long.MAX_VALUE);
        assertThat(byProduct.get(a)).extracting(ImageView::id).containsExactly(a2, a1);
        assertThat(byProduct.get(b)).extracting(ImageView::id).containsExactly(b1);
        assertThat(byProduct.get(Long.MAX_VALUE)).isEmpty();
        assertThat(images.findByProductIds(List.of())).isEmpty();
    }

    @Test
    void an_unknown_image_is_not_found() {
        assertThat(images.findById(Long.MAX_VALUE)).isEmpty();
        assertThat(views.imageVersion(Long.MAX_VALUE)).isEmpty();
    }
}
