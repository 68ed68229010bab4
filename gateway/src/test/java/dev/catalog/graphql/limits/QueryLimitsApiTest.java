package dev.catalog.graphql.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.cost.OperationCostTest;

import dev.catalog.gateway.ApiTest;
import graphql.introspection.IntrospectionQuery;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default limits, end to end over HTTP. Every refused document is a mutation that would create a
 * uniquely named product: that it stays absent proves no resolver ran and no data changed.
 */
class QueryLimitsApiTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    /** A mutation creating {@code name}, with {@code extra} selected on the created product. */
    private static String createMutation(String name, String extra) {
        return "mutation { createProduct(inp: {name: \"" + name + "\", price: 1}) { id " + extra + " } }";
    }

    private void assertNotCreated(String name) {
        graphQl.documentName("searchActiveProductsByName").variable("search", name).execute()
                .path("searchActiveProductsByName").entityList(Object.class).hasSize(0);
    }

    @AfterEach
    void normal_queries_keep_working_right_after() {
        String name = unique("After limits");
        int id = createProduct(name, 5, null);
        graphQl.documentName("product").variable("id", id).execute().path("product.name").entity(String.class)
                .isEqualTo(name);
    }

    @Test
    void a_depth_bomb_is_refused_with_depth_limit_exceeded_before_any_resolver_runs() {
        String name = unique("Depth bomb");
        String bomb = "images { " + "a { ".repeat(20) + "b" + " }".repeat(20) + " }";

        expectError(graphQl.document(createMutation(name, bomb)).execute(), "GRAPHQL_DEPTH_LIMIT_EXCEEDED", null);
        assertNotCreated(name);
    }

    @Test
    void a_nesting_bomb_too_deep_for_the_parser_is_refused_with_depth_limit_exceeded() {
        String name = unique("Nesting bomb");
        String bomb = "a { ".repeat(1000) + "b" + " }".repeat(1000);

        expectError(graphQl.document(createMutation(name, bomb)).execute(), "GRAPHQL_DEPTH_LIMIT_EXCEEDED", null);
        assertNotCreated(name);
    }

    @Test
    void a_thousand_aliases_are_refused_with_alias_limit_exceeded() {
        String name = unique("Aliases");
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            aliases.append('a').append(i).append(":id ");
        }

        expectError(graphQl.document(createMutation(name, aliases.toString())).execute(),
                "GRAPHQL_ALIAS_LIMIT_EXCEEDED", null);
        assertNotCreated(name);
    }

    @Test
    void sixty_directives_are_refused_with_directive_limit_exceeded() {
        String name = unique("Directives");

        expectError(graphQl.document(createMutation(name, "name @include(if: true) ".repeat(60))).execute(),
                "GRAPHQL_DIRECTIVE_LIMIT_EXCEEDED", null);
        assertNotCreated(name);
    }

    @Test
    void a_token_flood_within_the_document_size_is_refused_with_token_limit_exceeded() {
        String name = unique("Tokens");

        // 6,000 one-letter fields: 12,000 characters, under the document size, over the 5,000 tokens.
        expectError(graphQl.document(createMutation(name, "a ".repeat(6000))).execute(),
                "GRAPHQL_TOKEN_LIMIT_EXCEEDED", null);
        assertNotCreated(name);
    }

    @Test
    void a_document_over_sixteen_thousand_characters_is_refused_with_document_too_large() {
        String name = unique("Large document");
        String padding = ("# " + "x".repeat(98) + "\n").repeat(200);

        expectError(graphQl.document(padding + createMutation(name, "")).execute(), "GRAPHQL_DOCUMENT_TOO_LARGE", null);
        assertNotCreated(name);
    }

    @Test
    void a_parser_flood_of_a_hundred_thousand_tokens_never_reaches_the_parser() throws Exception {
        String name = unique("Parser flood");
        HttpResponse<String> response = post(body(createMutation(name, "id ".repeat(100_000)), Map.of()));

        assertPayloadTooLarge(response);
        assertNotCreated(name);
    }

    @Test
    void the_heaviest_normal_page_passes() {
        graphQl.document("{ " + OperationCostTest.FULL_PAGE + " }").execute().errors().verify()
                .path("products.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void a_hundred_pages_of_a_hundred_products_are_refused_with_complexity_limit_exceeded() {
        StringBuilder pages = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            pages.append(" p").append(i).append(": products(first: 100) { edges { node { id name price status } } }");
        }

        expectError(graphQl.document(pages.append(" }").toString()).execute(), "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED",
                null);
    }

    @Test
    void five_full_pages_with_a_creation_are_refused_with_complexity_limit_exceeded_and_create_nothing() {
        String name = unique("Five pages");
        String document = "mutation { c: createProduct(inp: {name: \"" + name + "\", price: 1}) { id } }"
                + " query Pages { a: " + OperationCostTest.FULL_PAGE + " b: " + OperationCostTest.FULL_PAGE
                + " c: " + OperationCostTest.FULL_PAGE + " d: " + OperationCostTest.FULL_PAGE
                + " e: " + OperationCostTest.FULL_PAGE + " }";

        expectError(graphQl.document(document).operationName("Pages").execute(),
                "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED", null);
        assertNotCreated(name);
    }

    @Test
    void a_document_seen_before_is_measured_again_when_a_variable_sets_its_page_size() {
        String pages = "query Pages($n: Int) { a: " + OperationCostTest.FULL_PAGE + " b: " + OperationCostTest.FULL_PAGE
                + " c: " + OperationCostTest.FULL_PAGE + " d: " + OperationCostTest.FULL_PAGE
                + " e: " + OperationCostTest.FULL_PAGE + " }";
        String document = pages.replace("products(first: 100)", "products(first: $n)");

        graphQl.document(document).variable("n", 1).execute().errors().verify();
        expectError(graphQl.document(document).variable("n", 100).execute(), "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED", null);
        graphQl.document(document).variable("n", 1).execute().errors().verify();
    }

    @Test
    void a_document_seen_before_is_measured_again_for_another_of_its_operations() {
        String document = "query Small { a: products(first: 1) { edges { cursor } } }"
                + " query Large { a: " + OperationCostTest.FULL_PAGE + " b: " + OperationCostTest.FULL_PAGE
                + " c: " + OperationCostTest.FULL_PAGE + " d: " + OperationCostTest.FULL_PAGE
                + " e: " + OperationCostTest.FULL_PAGE + " }";

        for (int i = 0; i < 2; i++) {
            graphQl.document(document).operationName("Small").execute().errors().verify();
            expectError(graphQl.document(document).operationName("Large").execute(),
                    "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED", null);
        }
    }

    /** Thirty aliases of the full active product list, as one anonymous request. */
    private static String thirtyActiveProductLists() {
        StringBuilder document = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            document.append(" l").append(i).append(": getActiveProductsSortedById { id name }");
        }
        return document.append(" }").toString();
    }

    /** Creates products until the catalog has at least {@code count} active ones, 16 at a time. */
    private void atLeastActiveProducts(int count) throws Exception {
        int have = graphQl.document("{ getActiveProductsSortedById { id } }").execute()
                .path("getActiveProductsSortedById").entityList(Object.class).get().size();
        try (ExecutorService creators = Executors.newFixedThreadPool(16)) {
            List<Future<Integer>> created = new ArrayList<>();
            for (int i = have; i < count; i++) {
                created.add(creators.submit(() -> createProduct(unique("Catalog filler"), 1, null)));
            }
            for (Future<Integer> product : created) {
                product.get();
            }
        }
    }

    @Test
    void thirty_aliases_of_a_legacy_list_are_costed_by_the_catalogs_real_size_and_refused() throws Exception {
        // 30 x (1 + 667 x 2) = 40,050: over the default 40,000 once the catalog has 667 active products.
        atLeastActiveProducts(667);

        expectError(graphQl.document(thirtyActiveProductLists()).execute(), "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED", null);
        assertThat(graphQl.document("{ getActiveProductsSortedById { id } }").execute().errors().verify()
                .path("getActiveProductsSortedById").entityList(Object.class).get()).hasSizeGreaterThanOrEqualTo(667);
    }

    @Test
    void a_page_size_of_99999999_is_bad_user_input() {
        expectError(graphQl.documentName("products").variable("first", 99_999_999).execute(), "BAD_USER_INPUT", "first");
        expectError(graphQl.document("{ products(first: 99999999) { edges { cursor } } }").execute(),
                "BAD_USER_INPUT", "first");
    }

    @Test
    void graphiql_introspection_query_still_works() {
        graphQl.document(IntrospectionQuery.INTROSPECTION_QUERY).execute().errors().verify()
                .path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
    }

    @Test
    void a_fifty_megabyte_body_is_answered_413_unparsed_and_the_server_keeps_answering() throws Exception {
        String name = unique("Fifty megabytes");
        byte[] head = body(createMutation(name, ""), Map.of()).getBytes(StandardCharsets.UTF_8);
        byte[] huge = new byte[50 * 1024 * 1024];
        System.arraycopy(head, 0, huge, 0, head.length - 1);
        java.util.Arrays.fill(huge, head.length - 1, huge.length, (byte) ' ');
        huge[huge.length - 1] = '}';

        assertPayloadTooLarge(send(HttpRequest.BodyPublishers.ofByteArray(huge)));
        assertNotCreated(name);
    }

    @Test
    void a_chunked_body_without_length_is_cut_at_the_limit_with_413() throws Exception {
        String name = unique("Chunked");
        InputStream body = new SequenceInputStream(
                new ByteArrayInputStream(("{\"query\":\"" + createMutation(name, "").replace("\"", "\\\"")
                        + "\",\"variables\":{\"pad\":\"").getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream("x".repeat(5 * 1024 * 1024).getBytes(StandardCharsets.UTF_8)));

        assertPayloadTooLarge(send(HttpRequest.BodyPublishers.ofInputStream(() -> body)));
        assertNotCreated(name);
    }

    @Test
    void a_ten_megabyte_name_is_answered_413() throws Exception {
        String name = unique("Ten megabytes");
        String document = "mutation($inp: ProductInput!) { createProduct(inp: $inp) { id } }";
        HttpResponse<String> response = post(body(document,
                Map.of("inp", Map.of("name", name + "x".repeat(10 * 1024 * 1024), "price", 1))));

        assertPayloadTooLarge(response);
        assertNotCreated(name);
    }

    @Test
    void a_six_hundred_character_name_is_bad_user_input() {
        String name = unique("Long") + "x".repeat(600);

        expectError(graphQl.documentName("createProduct").variable("inp", productInput(name, 1, null)).execute(),
                "BAD_USER_INPUT", "name");
        assertNotCreated(name.substring(0, 15));
    }

    @Test
    void a_batch_of_operations_is_answered_400() throws Exception {
        String name = unique("Batch");
        HttpResponse<String> response = post("[" + body(createMutation(name, ""), Map.of()) + "]");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("BATCHING_NOT_SUPPORTED");
        assertNotCreated(name);
    }

    @Test
    void normal_queries_are_answered_while_abusive_requests_are_refused_at_the_same_time() throws Exception {
        String name = unique("Under attack");
        int id = createProduct(name, 7, null);
        StringBuilder thousandAliases = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            thousandAliases.append('a').append(i).append(":id ");
        }
        StringBuilder hundredPages = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            hundredPages.append(" p").append(i).append(": products(first: 100) { edges { node { id name price status } } }");
        }
        record Abuse(String path, String body, String code) {
        }
        String spelledOtherwise = unique("Spelled otherwise");
        String creation = body(createMutation(spelledOtherwise, ""), Map.of());
        List<Abuse> abuses = List.of(
                new Abuse("/graphql", body(createMutation(unique("Bomb"), "images { " + "a { ".repeat(20) + "b"
                        + " }".repeat(20) + " }"), Map.of()), "GRAPHQL_DEPTH_LIMIT_EXCEEDED"),
                new Abuse("/graphql", body(createMutation(unique("Aliases"), thousandAliases.toString()), Map.of()),
                        "GRAPHQL_ALIAS_LIMIT_EXCEEDED"),
                new Abuse("/graphql", body(hundredPages.append(" }").toString(), Map.of()),
                        "GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED"),
                new Abuse("/graphql", body(createMutation(unique("Large"), "id ".repeat(100_000)), Map.of()),
                        "PAYLOAD_TOO_LARGE"),
                new Abuse("/graphql", body("mutation { createProduct(inp: {name: \"" + unique("Infinite")
                        + "\", price: 1e400}) { id } }", Map.of()), "GRAPHQL_VALIDATION_FAILED"),
                new Abuse("/graphql", "{\"query\":\"mutation($p: Float!) { createProduct(inp: {name: \\\""
                        + unique("Infinite variable") + "\\\", price: $p}) { id } }\",\"variables\":{\"p\":1e400}}",
                        "BAD_USER_INPUT"),
                new Abuse("/graphql", body("{ products(first: 99999999) { edges { cursor } } }", Map.of()),
                        "BAD_USER_INPUT"),
                new Abuse("/./graphql", creation, "BAD_REQUEST"),
                new Abuse("//graphql", creation, "BAD_REQUEST"),
                new Abuse("/graphql;x=1", creation, "BAD_REQUEST"),
                new Abuse("/%2e/graphql", creation, "BAD_REQUEST"));
        AtomicBoolean attacking = new AtomicBoolean(true);
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService attackers = Executors.newFixedThreadPool(4);
        List<Future<?>> attacks = new ArrayList<>();
        try {
            for (int thread = 0; thread < 4; thread++) {
                attacks.add(attackers.submit(() -> {
                    while (attacking.get()) {
                        for (Abuse abuse : abuses) {
                            HttpResponse<String> response = post(abuse.path(), abuse.body());
                            if (response.body().contains("\"" + abuse.code() + "\"")) {
                                refused.incrementAndGet();
                            } else {
                                unexpected.add(response.statusCode() + " " + response.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            // At least 20 normal queries, and on until the attackers have been refused a few times.
            for (int i = 0; i < 20 || (refused.get() < abuses.size() && unexpected.isEmpty() && i < 1000); i++) {
                graphQl.documentName("product").variable("id", id).execute()
                        .path("product.name").entity(String.class).isEqualTo(name);
            }
        } finally {
            attacking.set(false);
            attackers.shutdown();
            assertThat(attackers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> attack : attacks) {
            attack.get(); // an attacker's own failure (I/O) fails the test
        }

        assertThat(unexpected).as("every abusive request got its own refusal").isEmpty();
        assertThat(refused).as("the abuse really ran alongside").hasValueGreaterThanOrEqualTo(abuses.size());
        assertNotCreated(spelledOtherwise);
    }

    private static String body(String document, Map<String, Object> variables) {
        return JSON.writeValueAsString(Map.of("query", document, "variables", variables));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post("/graphql", body);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(path, HttpRequest.BodyPublishers.ofString(body));
    }

    private HttpResponse<String> send(HttpRequest.BodyPublisher body) throws Exception {
        return send("/graphql", body);
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"").contains("\"message\"");
    }
}
