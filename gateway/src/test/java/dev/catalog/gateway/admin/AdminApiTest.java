package dev.catalog.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.ProjectionPoison;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The administrative operations in open mode, where a local anonymous caller holds {@code catalog:admin}. */
class AdminApiTest extends ApiTest {

    private static final String CASCADE = "product-image-cascade";

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void liftPoison() {
        ProjectionPoison.liftAll();
    }

    private List<Projection> projections() {
        var response = graphQl.documentName("projections").execute();
        response.errors().verify();
        return response.path("projections").entityList(Projection.class).get();
    }

    private static Projection named(List<Projection> projections, String name) {
        return projections.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void projections_lists_the_inline_views_then_the_asynchronous_processors_all_running() {
        List<Projection> projections = projections();

        assertThat(projections).extracting(Projection::name)
                .containsExactly("product-view", "image-view", "product-history", "image-history", CASCADE);
        assertThat(projections).extracting(Projection::inline).containsExactly(true, true, true, true, false);
        assertThat(projections).allSatisfy(projection -> {
            assertThat(projection.running()).isTrue();
            assertThat(projection.error()).isFalse();
            assertThat(projection.replaying()).isFalse();
        });
        assertThat(named(projections, CASCADE).segments()).isPositive();
    }

    @Test
    void a_failing_view_projection_refuses_the_write_and_stores_nothing_until_its_cause_is_fixed() {
        String name = unique("Poisoned view");
        ProjectionPoison.poisonCreation(name);

        expectError(graphQl.documentName("createProduct").variable("inp", productInput(name, 5, null)).execute(),
                "INTERNAL_SERVER_ERROR", null);
        graphQl.documentName("searchActiveProductsByName").variable("search", name).execute()
                .path("searchActiveProductsByName").entityList(Object.class).hasSize(0);

        ProjectionPoison.liftAll();
        // Nothing was stored: the name is free, and the same creation now succeeds.
        graphQl.documentName("createProduct").variable("inp", productInput(name, 5, null)).execute()
                .path("createProduct.name").entity(String.class).isEqualTo(name);
    }

    @Test
    void a_parked_cascade_is_reported_and_done_by_retry_dead_letters_once_its_cause_is_fixed() {
        int product = createProduct(unique("Cascade poisoned"), 5, null);
        int image = createImage(product, "https://e.example.com/parked.png", 10);
        int parkedBefore = named(projections(), CASCADE).deadLetters();
        ProjectionPoison.poisonCascade(product);

        graphQl.documentName("deleteProduct").variable("productId", product).execute()
                .path("deleteProduct").entity(String.class).isEqualTo("Product " + product + " deleted successfully.");

        await().atMost(Duration.ofSeconds(20)).until(() -> named(projections(), CASCADE).deadLetters() > parkedBefore);
        Projection parked = named(projections(), CASCADE);
        assertThat(parked.deadLetterSequences()).isPositive();
        assertThat(parked.running()).as("other products' cascades go on").isTrue();
        assertThat(imageRows(image)).as("the image waits for its cascade").isEqualTo(1);

        ProjectionPoison.liftAll();
        var retry = graphQl.documentName("retryDeadLetters").execute();

        retry.errors().verify();
        assertThat(retry.path("retryDeadLetters.recovered").entity(Integer.class).get()).isGreaterThanOrEqualTo(1);
        assertThat(named(retry.path("retryDeadLetters.projections").entityList(Projection.class).get(), CASCADE)
                .deadLetters()).isEqualTo(parkedBefore);
        assertThat(imageRows(image)).as("the cascade deleted the image").isZero();
    }

    private long imageRows(int image) {
        return jdbc.sql("SELECT count(*) FROM image_view WHERE id = ?").param(image).query(Long.class).single();
    }
}
