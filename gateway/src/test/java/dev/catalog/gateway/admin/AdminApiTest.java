package dev.catalog.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.ProjectionPoison;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;

/** The administrative operations in open mode, where the anonymous caller holds {@code catalog:admin}. */
class AdminApiTest extends ApiTest {

    private static final String PRODUCT_VIEW = "product-view";

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
    void projections_lists_every_read_view_running_and_not_in_error() {
        List<Projection> projections = projections();

        assertThat(projections).extracting(Projection::name).containsExactly("product-view", "image-view");
        assertThat(projections).allSatisfy(projection -> {
            assertThat(projection.running()).isTrue();
            assertThat(projection.error()).isFalse();
            assertThat(projection.replaying()).isFalse();
        });
    }

    @Test
    void retry_dead_letters_sends_no_command_so_it_reports_no_pending_view() {
        var response = graphQl.documentName("retryDeadLetters").execute();

        response.errors().verify();
        assertThat(response.path("retryDeadLetters.recovered").entity(Integer.class).get()).isNotNegative();
        response.path("retryDeadLetters.projections[*].name").entityList(String.class)
                .containsExactly("product-view", "image-view");
        assertThat(response.returnResponse().getExtensions()).doesNotContainKey("consistency");
    }

    @Test
    void a_parked_event_is_reported_and_projected_by_retry_dead_letters_once_its_cause_is_fixed() throws Exception {
        String name = unique("Poisoned");
        int parkedBefore = named(projections(), PRODUCT_VIEW).deadLetters();
        ProjectionPoison.poison(name);

        // The mutation commits, then waits for the view, which the parked event keeps stale until the retry.
        CompletableFuture<GraphQlTester.Response> creation = CompletableFuture.supplyAsync(() -> graphQl
                .documentName("createProduct").variable("inp", productInput(name, 5, null)).execute());

        await().atMost(Duration.ofSeconds(20)).until(() -> named(projections(), PRODUCT_VIEW).deadLetters() > parkedBefore);
        Projection parked = named(projections(), PRODUCT_VIEW);
        assertThat(parked.deadLetterSequences()).isPositive();
        assertThat(parked.running()).as("other products keep projecting").isTrue();
        assertThat(parked.error()).isFalse();
        graphQl.documentName("searchActiveProductsByName").variable("search", name).execute()
                .path("searchActiveProductsByName").entityList(Object.class).hasSize(0);

        ProjectionPoison.liftAll();
        var retry = graphQl.documentName("retryDeadLetters").execute();

        retry.errors().verify();
        assertThat(retry.path("retryDeadLetters.recovered").entity(Integer.class).get()).isGreaterThanOrEqualTo(1);
        Projection after = named(retry.path("retryDeadLetters.projections").entityList(Projection.class).get(),
                PRODUCT_VIEW);
        assertThat(after.deadLetters()).isEqualTo(parkedBefore);
        var created = creation.get(30, TimeUnit.SECONDS);
        created.errors().verify();
        created.path("createProduct.name").entity(String.class).isEqualTo(name);
        graphQl.documentName("searchActiveProductsByName").variable("search", name).execute()
                .path("searchActiveProductsByName[*].name").entityList(String.class).containsExactly(name);
    }
}
