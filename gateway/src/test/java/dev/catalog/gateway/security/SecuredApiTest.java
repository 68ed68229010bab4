package dev.catalog.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.CatalogApplication;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.catalog.gateway.subscription.WsClient;

/**
 * The secured service end to end over real HTTP: HS256 tokens for one audience, the default rate limit (128 a minute) with
 * 127.0.0.1 as a trusted proxy, one allowed CORS origin. Every test that is not about the rate limit sends
 * from 127.0.0.1 without X-Forwarded-For, or from addresses of its own, and stays well under the limit.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                "catalog.jwt.secret=" + SecuredApiTest.SECRET,
                "catalog.jwt.audience=" + Tokens.AUDIENCE,
                "catalog.trusted-proxies=10.0.0.0/8, 127.0.0.1",
                "catalog.cors.allowed-origins=https://shop.example.com"})
class SecuredApiTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final String ALLOWED_ORIGIN = "https://shop.example.com";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    private Http http() {
        return Http.to(port);
    }

    private static String writeToken() {
        return Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5)).build());
    }

    private static String createProduct(String name) {
        return Http.query("mutation { createProduct(inp: {name: \"" + name + "\", price: 1}) { id name } }");
    }

    private boolean productExists(String name) {
        JsonNode found = json(http().graphQl(Http.query("{ searchActiveProductsByName(search: \"" + name + "\") { name } }")));
        return found.at("/data/searchActiveProductsByName").size() > 0;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String code(HttpResponse<String> response) {
        return json(response).at("/errors/0/extensions/code").asString();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    // --- authentication and authorization

    @Test
    void an_anonymous_read_works() {
        HttpResponse<String> response = http().graphQl(Http.query("{ getAllImages { id } }"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/data/getAllImages").isArray()).isTrue();
        assertThat(json(response).has("errors")).isFalse();
    }

    @Test
    void an_anonymous_mutation_is_unauthenticated_and_changes_nothing() {
        String name = unique("Anonymous");

        HttpResponse<String> response = http().graphQl(createProduct(name));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
        assertThat(json(response).at("/errors/0/path/0").asString()).isEqualTo("createProduct");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void a_valid_write_token_runs_the_mutation() {
        String name = unique("Written");

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + writeToken());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).has("errors")).as(response.body()).isFalse();
        assertThat(json(response).at("/data/createProduct/name").asString()).isEqualTo(name);
        assertThat(productExists(name)).isTrue();
    }

    @Test
    void a_token_without_the_write_scope_is_forbidden_and_changes_nothing() {
        String name = unique("Unscoped");
        String readOnly = Tokens.hs256(SECRET, Tokens.claims("catalog:read profile", Duration.ofMinutes(5)).build());

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + readOnly);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(code(response)).isEqualTo("FORBIDDEN");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void the_admin_scope_alone_does_not_grant_writes() {
        String name = unique("AdminOnly");
        String admin = Tokens.hs256(SECRET, Tokens.claims("catalog:admin", Duration.ofMinutes(5)).build());

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + admin);

        assertThat(code(response)).isEqualTo("FORBIDDEN");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void an_expired_token_is_refused_with_401_and_changes_nothing() {
        String name = unique("Expired");
        // Beyond the 60 s clock skew the verifier tolerates.
        String expired = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(-5)).build());

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + expired);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer").contains("invalid_token"));
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void a_token_without_an_expiry_is_refused_with_401_and_changes_nothing() {
        String name = unique("Eternal");
        String eternal = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .expirationTime(null).build());

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + eternal);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void a_token_for_another_audience_is_refused_with_401_and_changes_nothing() {
        String name = unique("Elsewhere");
        String elsewhere = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .audience("https://other-service.example.com").build());
        String noAudience = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .audience((String) null).build());

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + elsewhere);
        HttpResponse<String> withoutAudience = http().graphQl(createProduct(name), "Authorization", "Bearer " + noAudience);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
        assertThat(withoutAudience.statusCode()).isEqualTo(401);
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void bad_tokens_are_refused_one_by_one_while_readers_and_a_writer_are_served_at_the_same_time() throws Exception {
        String refusedName = unique("Never written");
        String eternal = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .expirationTime(null).build());
        String elsewhere = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5))
                .audience("https://other-service.example.com").build());
        String forged = Tokens.hs256("another-secret-that-is-also-long-enough!",
                Tokens.claims("catalog:write", Duration.ofMinutes(5)).build());
        List<List<String>> abuses = List.of(List.of("Authorization", "Bearer " + eternal),
                List.of("Authorization", "Bearer " + elsewhere), List.of("Authorization", "Bearer " + forged),
                List.of());
        String writer = "203.0.113.30";
        String served = unique("Served meanwhile");
        assertThat(json(http().graphQl(createProduct(served), "Authorization", "Bearer " + writeToken(),
                "X-Forwarded-For", writer)).at("/data/createProduct/name").asString()).isEqualTo(served);

        // Each attacker and the reader come from their own address, under the per-client limit of 128 a minute.
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<String>>> attackers = new ArrayList<>();
            for (int attacker = 0; attacker < abuses.size(); attacker++) {
                List<String> headers = new ArrayList<>(abuses.get(attacker));
                headers.addAll(List.of("X-Forwarded-For", "203.0.113." + (10 + attacker)));
                attackers.add(clients.submit(() -> {
                    List<String> unexpected = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        HttpResponse<String> response = http().graphQl(createProduct(refusedName),
                                headers.toArray(String[]::new));
                        if (!"UNAUTHENTICATED".equals(code(response))) {
                            unexpected.add(response.statusCode() + " " + response.body());
                        }
                    }
                    return unexpected;
                }));
            }
            for (int i = 0; i < 40; i++) {
                JsonNode found = json(http().graphQl(Http.query("{ searchActiveProductsByName(search: \"" + served
                        + "\") { name } }"), "X-Forwarded-For", "203.0.113.20"));
                assertThat(found.at("/data/searchActiveProductsByName/0/name").asString()).isEqualTo(served);
            }
            String alsoServed = unique("Also served meanwhile");
            assertThat(json(http().graphQl(createProduct(alsoServed), "Authorization", "Bearer " + writeToken(),
                    "X-Forwarded-For", writer)).at("/data/createProduct/name").asString()).isEqualTo(alsoServed);
            for (var attacker : attackers) {
                assertThat(attacker.get(60, TimeUnit.SECONDS)).as("answers other than UNAUTHENTICATED").isEmpty();
            }
        }
        assertThat(productExists(refusedName)).isFalse();
    }

    @Test
    void a_token_signed_with_another_key_is_refused_with_401_and_changes_nothing() {
        String name = unique("Forged");
        String forged = Tokens.hs256("another-secret-that-is-also-long-enough!",
                Tokens.claims("catalog:write", Duration.ofMinutes(5)).build());

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + forged);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void a_bad_token_is_refused_even_on_a_read() {
        HttpResponse<String> response = http().graphQl(Http.query("{ getAllImages { id } }"),
                "Authorization", "Bearer not.a.jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
        assertThat(json(response).has("data")).isFalse();
    }

    @Test
    void a_token_minted_by_bin_dev_token_runs_a_mutation() throws Exception {
        Path script = Path.of("..", "bin", "dev-token").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "catalog:write", "5m")
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("CATALOG_JWT_SECRET", SECRET);
        builder.environment().put("CATALOG_JWT_AUDIENCE", Tokens.AUDIENCE);
        Process process = builder.start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        String name = unique("DevToken");

        HttpResponse<String> response = http().graphQl(createProduct(name), "Authorization", "Bearer " + token);

        assertThat(json(response).has("errors")).as(response.body()).isFalse();
        assertThat(productExists(name)).isTrue();
    }

    // --- administrative operations

    private static final String PROJECTIONS = Http.query("{ projections { name running error } }");
    private static final String RETRY_DEAD_LETTERS =
            Http.query("mutation { retryDeadLetters { recovered projections { name running } } }");

    @Test
    void the_administrative_operations_are_unauthenticated_without_a_token() {
        for (String operation : List.of(PROJECTIONS, RETRY_DEAD_LETTERS)) {
            HttpResponse<String> response = http().graphQl(operation);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(code(response)).as(operation).isEqualTo("UNAUTHENTICATED");
            assertThat(json(response).at("/data").isNull()).as(response.body()).isTrue();
        }
    }

    @Test
    void the_write_scope_alone_is_forbidden_the_administrative_operations() {
        for (String operation : List.of(PROJECTIONS, RETRY_DEAD_LETTERS)) {
            HttpResponse<String> response = http().graphQl(operation, "Authorization", "Bearer " + writeToken());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(code(response)).as(operation).isEqualTo("FORBIDDEN");
            assertThat(json(response).at("/data").isNull()).as(response.body()).isTrue();
        }
    }

    @Test
    void the_admin_scope_lists_the_projections_and_retries_the_dead_letters() {
        String admin = "Bearer " + Tokens.hs256(SECRET, Tokens.claims("catalog:admin", Duration.ofMinutes(5)).build());

        JsonNode projections = json(http().graphQl(PROJECTIONS, "Authorization", admin));
        JsonNode retry = json(http().graphQl(RETRY_DEAD_LETTERS, "Authorization", admin));

        assertThat(projections.has("errors")).as(projections.toString()).isFalse();
        assertThat(projections.at("/data/projections").valueStream().map(p -> p.at("/name").asString()))
                .containsExactly("product-view", "image-view", "product-history", "image-history", "product-image-cascade");
        assertThat(projections.at("/data/projections").valueStream())
                .allSatisfy(p -> assertThat(p.at("/running").asBoolean()).isTrue());
        assertThat(retry.has("errors")).as(retry.toString()).isFalse();
        assertThat(retry.at("/data/retryDeadLetters/recovered").isInt()).isTrue();
        assertThat(retry.at("/data/retryDeadLetters/projections").size()).isEqualTo(5);
    }

    // --- CORS and requests a browser sends without a preflight

    @Test
    void a_preflight_from_an_allowed_origin_is_answered() {
        HttpResponse<String> response = http().send(http().request("/graphql")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, authorization").build());

        assertThat(response.statusCode()).isEqualTo(200);
        var headers = response.headers();
        assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(headers.firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                value -> assertThat(value).contains("POST", "GET", "OPTIONS"));
        assertThat(headers.firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                value -> assertThat(value.toLowerCase()).contains("content-type", "authorization"));
        assertThat(headers.firstValue("Access-Control-Max-Age")).hasValue("3600");
    }

    @Test
    void a_preflight_from_another_origin_is_refused_without_cors_headers() {
        HttpResponse<String> response = http().send(http().request("/graphql")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST").build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().map().keySet()).noneMatch(header -> header.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void a_request_from_an_allowed_origin_gets_its_cors_header() {
        HttpResponse<String> response = http().graphQl(Http.query("{ getAllImages { id } }"), "Origin", ALLOWED_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
    }

    @Test
    void a_form_post_never_executes() {
        String name = unique("FormPost");
        String form = "query=" + java.net.URLEncoder.encode(
                "mutation { createProduct(inp: {name: \"" + name + "\", price: 1}) { id } }", StandardCharsets.UTF_8);

        HttpResponse<String> response = http().send(http().request("/graphql")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + writeToken())
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(code(response)).isEqualTo("BAD_REQUEST");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void a_text_plain_post_never_executes() {
        String name = unique("TextPlain");

        HttpResponse<String> response = http().send(http().request("/graphql")
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("Authorization", "Bearer " + writeToken())
                .POST(HttpRequest.BodyPublishers.ofString(createProduct(name))).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(code(response)).isEqualTo("BAD_REQUEST");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void a_multipart_post_without_a_preflight_header_never_executes() {
        String name = unique("Multipart");
        String boundary = "----catalog" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n"
                + "{\"query\": \"mutation { createProduct(inp: {name: \\\"" + name + "\\\", price: 1}) { id } }\"}\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"map\"\r\n\r\n{}\r\n--" + boundary + "--\r\n";

        HttpResponse<String> response = http().send(http().request("/graphql")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + writeToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(code(response)).isEqualTo("BAD_REQUEST");
        assertThat(response.body()).contains("Apollo-Require-Preflight");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void a_post_without_a_content_type_never_executes() {
        String name = unique("NoType");

        HttpResponse<String> response = http().send(http().request("/graphql")
                .header("Authorization", "Bearer " + writeToken())
                .POST(HttpRequest.BodyPublishers.ofString(createProduct(name))).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void catalog_admin_needs_a_token_with_the_admin_scope_when_tokens_are_configured() {
        String admin = Tokens.hs256(SECRET, Tokens.claims("catalog:admin", Duration.ofMinutes(5)).build());
        String url = "http://localhost:" + port;
        java.io.StringWriter refusedErr = new java.io.StringWriter();

        int refused = dev.catalog.admin.CatalogAdmin.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(refusedErr, true)).execute("--url", url, "projections", "list");
        int allowed = dev.catalog.admin.CatalogAdmin.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter())).execute("--url", url, "--token", admin,
                "projections", "list");

        assertThat(refused).isEqualTo(3);
        assertThat(refusedErr.toString()).contains("UNAUTHENTICATED", "CATALOG_ADMIN_TOKEN");
        assertThat(allowed).isZero();
    }

    // --- federation subgraphs: the same guards as /graphql

    private static final String PRODUCTS_SUBGRAPH = "/subgraphs/products/graphql";
    private static final String IMAGES_SUBGRAPH = "/subgraphs/images/graphql";

    @Test
    void a_mutation_through_a_subgraph_needs_the_write_scope_like_through_the_combined_endpoint() {
        String anonymous = unique("Subgraph anonymous");
        String written = unique("Subgraph written");

        HttpResponse<String> refused = http().post(PRODUCTS_SUBGRAPH, createProduct(anonymous));
        HttpResponse<String> accepted = http().post(PRODUCTS_SUBGRAPH, createProduct(written),
                "Authorization", "Bearer " + writeToken());

        assertThat(code(refused)).isEqualTo("UNAUTHENTICATED");
        assertThat(productExists(anonymous)).isFalse();
        assertThat(json(accepted).has("errors")).as(accepted.body()).isFalse();
        assertThat(productExists(written)).isTrue();
    }

    @Test
    void a_bad_token_is_refused_by_a_subgraph_even_on_a_read() {
        HttpResponse<String> response = http().post(IMAGES_SUBGRAPH, Http.query("{ getAllImages { id } }"),
                "Authorization", "Bearer not-a-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void a_subgraph_answers_allowed_origins_and_refuses_the_others() {
        HttpResponse<String> allowed = http().post(IMAGES_SUBGRAPH, Http.query("{ __typename }"),
                "Origin", ALLOWED_ORIGIN);
        HttpResponse<String> other = http().send(http().request(PRODUCTS_SUBGRAPH)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example.net")
                .header("Access-Control-Request-Method", "POST").build());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().map().keySet()).noneMatch(header -> header.toLowerCase().startsWith("access-control-"));
    }

    // --- rate limit

    /** Sends the 128 requests a client behind the trusted proxy may send this minute, each served. */
    private void useUpTheMinuteOf(String client) {
        String typename = Http.query("{ __typename }");
        for (int i = 1; i <= 128; i++) {
            assertThat(http().graphQl(typename, "X-Forwarded-For", client).statusCode()).as("request %d", i).isEqualTo(200);
        }
    }

    @Test
    void the_129th_request_in_a_minute_is_rate_limited_while_another_client_behind_the_proxy_is_served() {
        String client = "198.51.100.7";
        String typename = Http.query("{ __typename }");
        useUpTheMinuteOf(client);

        HttpResponse<String> limited = http().graphQl(typename, "X-Forwarded-For", client);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                value -> assertThat(Integer.parseInt(value)).isBetween(1, 60));
        assertThat(code(limited)).isEqualTo("RATE_LIMITED");
        // The client cannot escape by prepending an address: the right-most untrusted one counts.
        assertThat(http().graphQl(typename, "X-Forwarded-For", "192.0.2.1, " + client).statusCode()).isEqualTo(429);
        // Another client behind the same trusted proxies (two hops: 10.1.2.3 is trusted too) is served.
        assertThat(http().graphQl(typename, "X-Forwarded-For", "198.51.100.8, 10.1.2.3").statusCode()).isEqualTo(200);
        // Health is not limited.
        assertThat(http().send(http().request("/actuator/health").header("X-Forwarded-For", client).build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void an_administrator_is_not_held_back_by_the_rate_limit_but_a_bad_token_is() {
        String client = "198.51.100.77";
        String typename = Http.query("{ __typename }");
        useUpTheMinuteOf(client);
        String admin = "Bearer " + Tokens.hs256(SECRET, Tokens.claims("catalog:admin", Duration.ofMinutes(5)).build());
        String writer = "Bearer " + Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5)).build());

        assertThat(http().graphQl(typename, "X-Forwarded-For", client, "Authorization", admin).statusCode()).isEqualTo(200);
        assertThat(http().graphQl(typename, "X-Forwarded-For", client, "Authorization", writer).statusCode()).isEqualTo(429);
        assertThat(http().graphQl(typename, "X-Forwarded-For", client, "Authorization", admin + "x").statusCode())
                .isEqualTo(429);
        assertThat(http().graphQl(typename, "X-Forwarded-For", client).statusCode()).isEqualTo(429);
    }

    @Test
    void a_limited_browser_client_can_read_its_429_and_still_gets_its_preflights_answered() {
        String client = "198.51.100.9";
        String typename = Http.query("{ __typename }");
        useUpTheMinuteOf(client);

        HttpResponse<String> preflight = http().send(http().request("/graphql")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("X-Forwarded-For", client)
                .header("Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST").build());
        HttpResponse<String> fromAllowedOrigin = http().graphQl(typename, "X-Forwarded-For", client, "Origin", ALLOWED_ORIGIN);
        HttpResponse<String> fromOtherOrigin = http().graphQl(typename, "X-Forwarded-For", client,
                "Origin", "https://evil.example.net");

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(fromAllowedOrigin.statusCode()).isEqualTo(429);
        assertThat(code(fromAllowedOrigin)).isEqualTo("RATE_LIMITED");
        assertThat(fromAllowedOrigin.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(fromAllowedOrigin.headers().firstValue("Access-Control-Expose-Headers")).hasValue("Retry-After");
        assertThat(fromOtherOrigin.statusCode()).isEqualTo(429);
        assertThat(fromOtherOrigin.headers().map().keySet())
                .noneMatch(header -> header.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void every_spelling_of_the_endpoint_counts_against_the_same_budget_or_is_refused_unexecuted() {
        String client = "198.51.100.20";
        String typename = Http.query("{ __typename }");
        // An encoded spelling routes to /graphql: it executes, and counts like the plain one.
        for (int i = 1; i <= 64; i++) {
            assertThat(http().rawPost("/%67raphql", typename, "X-Forwarded-For", client).status()).as("request %d", i)
                    .isEqualTo(200);
        }
        for (int i = 65; i <= 128; i++) {
            assertThat(http().graphQl(typename, "X-Forwarded-For", client).statusCode()).as("request %d", i)
                    .isEqualTo(200);
        }

        for (String path : List.of("/graphql", "/%67raphql", "/%67%72%61%70%68%71%6c")) {
            Http.RawResponse limited = http().rawPost(path, typename, "X-Forwarded-For", client);
            assertThat(limited.status()).as(path).isEqualTo(429);
            assertThat(limited.body()).as(path).contains("RATE_LIMITED");
        }
        // Dot segments, doubled slashes, path parameters and encoded separators never reach an operation.
        for (String path : List.of("/./graphql", "/x/../graphql", "//graphql", "/graphql;x=1", "/graphql;jsessionid=1",
                "/graphql/.", "/%2e/graphql", "/graphql%2F", "/%2Fgraphql", "/graphql%00")) {
            Http.RawResponse refused = http().rawPost(path, createProduct(unique("Spelled")), "X-Forwarded-For",
                    "198.51.100.21", "Authorization", "Bearer " + writeToken());
            assertThat(refused.status()).as(path).isIn(400, 429);
            assertThat(refused.body()).as(path).doesNotContain("\"data\"");
        }
    }

    @Test
    void the_subgraphs_share_the_budget_of_the_combined_endpoint() {
        String client = "198.51.100.30";
        String typename = Http.query("{ __typename }");
        for (int i = 1; i <= 128; i++) {
            String path = List.of("/graphql", PRODUCTS_SUBGRAPH, IMAGES_SUBGRAPH).get(i % 3);
            assertThat(http().post(path, typename, "X-Forwarded-For", client).statusCode()).as("request %d", i)
                    .isEqualTo(200);
        }

        for (String path : List.of("/graphql", PRODUCTS_SUBGRAPH, IMAGES_SUBGRAPH)) {
            HttpResponse<String> limited = http().post(path, typename, "X-Forwarded-For", client);
            assertThat(limited.statusCode()).as(path).isEqualTo(429);
            assertThat(code(limited)).as(path).isEqualTo("RATE_LIMITED");
        }
    }

    @Test
    void a_non_canonical_path_is_refused_with_a_graphql_shaped_bad_request() {
        String name = unique("Dotted");

        Http.RawResponse response = http().rawPost("/./graphql", createProduct(name), "Authorization",
                "Bearer " + writeToken());

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/errors/0/extensions/code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(productExists(name)).isFalse();
    }

    @Test
    void x_forwarded_for_from_an_untrusted_peer_is_ignored() {
        Http untrusted = Http.from("127.0.0.2", port);
        String typename = Http.query("{ __typename }");
        for (int i = 1; i <= 128; i++) {
            assertThat(untrusted.graphQl(typename, "X-Forwarded-For", "203.0.113." + i).statusCode())
                    .as("request %d", i).isEqualTo(200);
        }

        assertThat(untrusted.graphQl(typename, "X-Forwarded-For", "203.0.113.200").statusCode()).isEqualTo(429);
    }

    @Test
    void a_websocket_connection_initialised_with_an_invalid_token_is_closed_with_4403() throws Exception {
        try (WsClient client = WsClient.connect(port, "graphql-transport-ws")) {
            client.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer not.a.token")));
            assertThat(client.closeCode()).isEqualTo(4403);
        }
    }

    @Test
    void a_mutation_over_websocket_needs_the_write_scope_in_the_connection_init_token() {
        String name = "WebSocket " + UUID.randomUUID();
        try (WsClient anonymous = WsClient.initialized(port)) {
            anonymous.subscribe("m", JSON.readTree(createProduct(name)).get("query").asString(), Map.of());
            JsonNode refused = anonymous.next();
            assertThat(refused.at("/payload/errors/0/extensions/code").asString()).as("%s", refused)
                    .isIn("UNAUTHENTICATED", "FORBIDDEN");
        }
        try (WsClient writer = WsClient.connect(port, "graphql-transport-ws")) {
            writer.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + writeToken())));
            assertThat(writer.next().get("type").asString()).isEqualTo("connection_ack");
            writer.subscribe("m", JSON.readTree(createProduct(name)).get("query").asString(), Map.of());
            JsonNode created = writer.next();
            assertThat(created.at("/payload/data/createProduct/name").asString()).as("%s", created).isEqualTo(name);
            int id = created.at("/payload/data/createProduct/id").asInt();
            assertThat(json(http().graphQl(Http.query("{ product(id: " + id + ") { name } }"))).at("/data/product/name")
                    .asString()).isEqualTo(name);
        }
    }
}
