package dev.catalog.graphql.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.federation.Subgraph;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.introspection.Introspection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Every limit set small through its property, one application context for all of them, with introspection
 * off and two test-only slow fields to provoke the timeout. A counting instrumentation proves that a
 * refused operation fetched no field at all.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "catalog.data-dir=target/test-db/${random.uuid}",
                // As in ApiTest (whose properties this annotation replaces): the rate limit has its own tests.
                "catalog.rate-limit.per-minute=0",
                "spring.graphql.schema.locations=classpath:graphql/**/,classpath:graphql-limits-test/",
                "catalog.graphql.max-depth=3",
                "catalog.graphql.max-complexity=100",
                "catalog.graphql.max-list-size=2",
                "catalog.graphql.max-aliases=2",
                "catalog.graphql.max-directives=2",
                "catalog.graphql.max-tokens=300",
                "catalog.graphql.max-characters=2000",
                // Small, yet above a cold first mutation (which waits for its read view).
                "catalog.graphql.timeout=3s",
                "catalog.graphql.introspection=false",
                "catalog.http.max-body-bytes=4KB"})
@Import(SmallLimitsTest.TestFields.class)
class SmallLimitsTest extends ApiTest {

    private static final Map<String, AtomicInteger> FETCHES = new ConcurrentHashMap<>();
    private static final CountDownLatch SLOW_NOOP_DONE = new CountDownLatch(1);

    private final HttpClient http = HttpClient.newHttpClient();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestFields {

        @Bean
        RuntimeWiringConfigurer slowFields() {
            return wiring -> wiring
                    .type("Query", type -> type.dataFetcher("slowEcho", env -> later(env.getArgument("millis"))
                            .thenApply(ignored -> "slow")))
                    .type("Mutation", type -> type.dataFetcher("slowNoop", env -> later(env.getArgument("millis"))
                            .thenApply(ignored -> {
                                SLOW_NOOP_DONE.countDown();
                                return "done";
                            })));
        }

        @Bean
        Instrumentation fetchCounter() {
            return new Instrumentation() {
                @Override
                public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters,
                                                                      InstrumentationState state) {
                    FETCHES.computeIfAbsent(parameters.getField().getName(), name -> new AtomicInteger())
                            .incrementAndGet();
                    return null;
                }
            };
        }

        private static CompletableFuture<Void> later(int millis) {
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
        }
    }

    private static int fetches() {
        return FETCHES.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static int fetches(String field) {
        return FETCHES.getOrDefault(field, new AtomicInteger()).get();
    }

    @BeforeEach
    void resetCounts() {
        FETCHES.clear();
    }

    @AfterEach
    void normal_queries_keep_working_right_after() {
        String name = unique("After small limits");
        int id = createProduct(name, 5, null);
        graphQl.documentName("product").variable("id", id).execute().path("product.name").entity(String.class)
                .isEqualTo(name);
    }

    /** Spring Boot switches introspection JVM-wide; give it back to the contexts of the other test classes. */
    @AfterAll
    static void restoreIntrospection() {
        Introspection.enabledJvmWide(true);
    }

    private static final String PRODUCTS_SUBGRAPH = Subgraph.PRODUCTS.path();
    private static final String IMAGES_SUBGRAPH = Subgraph.IMAGES.path();
    private static final String ENTITIES = """
            query($representations: [_Any!]!) { _entities(representations: $representations) { %s } }""";
    /** Every field of a product's images: 1 + 10 × 7 per product (the cost model's 10 images a product). */
    private static final String ALL_IMAGE_FIELDS = "images { id url priority productId version createdAt updatedAt }";
    private static final AtomicBoolean TWENTY_IMAGES = new AtomicBoolean();

    /**
     * Under {@code _entities} a product's images cost at most all the catalog's images: with at least 20, two
     * products' {@link #ALL_IMAGE_FIELDS} cost the full 1 + 2 × (1 + 10 × 7) = 143.
     */
    private void atLeastTwentyImages() {
        if (TWENTY_IMAGES.compareAndSet(false, true)) {
            int product = createProduct(unique("Twenty images"), 1, null);
            for (int i = 0; i < 20; i++) {
                createImage(product, "https://e.example.com/limits/" + product + "/" + i + ".png", i);
            }
        }
    }

    private static List<Map<String, Object>> products(int count) {
        return IntStream.rangeClosed(1, count).<Map<String, Object>>mapToObj(id -> Map.of("__typename", "Product", "id", id))
                .toList();
    }

    /** Each endpoint, and a document over the complexity limit (100) that stays within the depth limit (3) there. */
    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("/graphql", "{ product(id: 1) { " + ALL_IMAGE_FIELDS + " } x: product(id: 2) { "
                        + ALL_IMAGE_FIELDS + " } }"),
                Arguments.of(PRODUCTS_SUBGRAPH, "{ products(first: 100) { edges { cursor } } }"),
                Arguments.of(IMAGES_SUBGRAPH, "{ _entities(representations: [{__typename: \"Product\", id: 1}, "
                        + "{__typename: \"Product\", id: 2}]) { ... on Product { " + ALL_IMAGE_FIELDS + " } } }"));
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void each_limit_follows_its_property_on_every_endpoint_and_a_refused_operation_fetches_nothing(
            String path, String tooComplex) {
        atLeastTwentyImages();
        HttpGraphQlTester endpoint = graphQlAt(path);
        Map<String, String> refusals = new LinkedHashMap<>();
        // Depth is measured before validation, so a field this endpoint lacks still counts.
        refusals.put("{ products(first: 1) { edges { node { id } } } }", "GRAPHQL_DEPTH_LIMIT_EXCEEDED");
        refusals.put(tooComplex, "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED");
        refusals.put("{ a: __typename b: __typename c: __typename }", "GRAPHQL_ALIAS_LIMIT_EXCEEDED");
        refusals.put("{ __typename @include(if: true) __typename @include(if: true) __typename @skip(if: false) }",
                "GRAPHQL_DIRECTIVE_LIMIT_EXCEEDED");
        refusals.put("{ " + "a ".repeat(400) + "}", "GRAPHQL_TOKEN_LIMIT_EXCEEDED");
        refusals.put("# " + "x".repeat(2500) + "\n{ __typename }", "GRAPHQL_DOCUMENT_TOO_LARGE");

        refusals.forEach((document, code) -> {
            FETCHES.clear();
            expectError(endpoint.document(document).execute(), code, null);
            assertThat(fetches()).as("fields fetched for " + code).isZero();
        });
    }

    @Test
    void a_legacy_list_longer_than_the_configured_size_is_refused_unfetched_pointing_to_the_paginated_products() {
        for (int i = 0; i < 3; i++) {
            createProduct(unique("Listed"), 1, null);
        }
        FETCHES.clear();
        var response = graphQl.document("{ getActiveProductsSortedById { id } }").execute();

        expectError(response, "LIST_TOO_LARGE", null);
        response.errors().satisfy(errors -> {
            assertThat(errors.getFirst().getMessage()).contains("products(first: 100, after: ...)");
            assertThat(errors.getFirst().getExtensions()).containsEntry("limit", 2);
        });
        assertThat(fetches()).as("fields fetched").isZero();
        graphQl.document("{ products(first: 2) { edges { cursor } } }").execute().errors().verify();
    }

    @Test
    void a_federation_gateway_asking_for_more_entities_than_the_list_size_is_refused_unfetched() {
        HttpGraphQlTester imagesSubgraph = graphQlAt(IMAGES_SUBGRAPH);
        String entities = ENTITIES.formatted("... on Product { id }");

        var response = imagesSubgraph.document(entities).variable("representations", products(3)).execute();

        expectError(response, "LIST_TOO_LARGE", null);
        response.errors().satisfy(errors -> assertThat(errors.getFirst().getMessage())
                .contains("`_entities` was sent 3 representations"));
        assertThat(fetches()).as("fields fetched").isZero();
        imagesSubgraph.document(entities).variable("representations", products(2)).execute().errors().verify();
    }

    @Test
    void entities_cost_their_representations_times_their_selection_and_are_refused_unfetched_past_the_complexity() {
        atLeastTwentyImages();
        HttpGraphQlTester imagesSubgraph = graphQlAt(IMAGES_SUBGRAPH);
        String allImageFields = ENTITIES.formatted("... on Product { " + ALL_IMAGE_FIELDS + " }");

        // 1 + 1 × (1 + 10 × 7) = 72 and 1 + 2 × (1 + 10 × 1) = 23: within 100.
        imagesSubgraph.document(allImageFields).variable("representations", products(1)).execute().errors().verify();
        imagesSubgraph.document(ENTITIES.formatted("... on Product { images { id } }"))
                .variable("representations", products(2)).execute().errors().verify();
        FETCHES.clear();
        // 1 + 2 × (1 + 10 × 7) = 143.
        var response = imagesSubgraph.document(allImageFields).variable("representations", products(2)).execute();

        expectError(response, "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED", null);
        response.errors().satisfy(errors -> assertThat(errors.getFirst().getMessage()).contains("cost is 143"));
        assertThat(fetches()).as("fields fetched").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/graphql", "/subgraphs/products/graphql", "/subgraphs/images/graphql"})
    void a_body_over_the_configured_size_is_answered_413_on_every_endpoint(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\",\"variables\":{\"pad\":\""
                                + "x".repeat(5000) + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("PAYLOAD_TOO_LARGE");
        assertThat(fetches()).isZero();
    }

    @Test
    void an_operation_running_past_the_timeout_is_answered_graphql_timeout() {
        expectError(graphQl.document("{ slowEcho(millis: 10000) }").execute(), "GRAPHQL_TIMEOUT", null);
    }

    @Test
    void the_timeout_cancels_the_work_still_to_come() {
        String name = unique("After timeout");

        expectError(graphQl.document("mutation { slowNoop(millis: 4500) createProduct(inp: {name: \"" + name
                + "\", price: 1}) { id } }").execute(), "GRAPHQL_TIMEOUT", null);

        // Mutations run in order: once the slow one ends, the cancelled execution must not start the next.
        await().atMost(Duration.ofSeconds(15)).until(() -> SLOW_NOOP_DONE.getCount() == 0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> fetches("createProduct") == 0);
    }

    @Test
    void introspection_is_refused_when_turned_off_but_typename_still_answers() {
        expectError(graphQl.document("{ __schema { types { name } } }").execute(), "GRAPHQL_VALIDATION_FAILED", null);
        graphQl.document("{ __typename }").execute().path("__typename").entity(String.class).isEqualTo("Query");
    }

    @Test
    void graphiql_and_the_printed_schema_are_not_served_when_introspection_is_off() throws Exception {
        for (String path : new String[] {"/graphiql", "/graphql/schema"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("type Query").doesNotContainIgnoringCase("<html");
        }
    }

    @Test
    void validation_errors_make_no_suggestions_when_introspection_is_off() {
        graphQl.document("{ product(id: 1) { nam } }").execute().errors().satisfy(errors -> {
            assertThat(errors).isNotEmpty().allSatisfy(error -> {
                assertThat(error.getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
                assertThat(error.getMessage()).doesNotContainIgnoringCase("did you mean");
            });
        });
    }
}
