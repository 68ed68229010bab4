package dev.catalog.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.subscription.WsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every guard, run the same way over each transport that carries operations: HTTP ({@code POST /graphql}) and the
 * graphql-transport-ws socket. Each test is one list of steps, parameterized by the transport; each test speaks as
 * a client of its own (an {@code X-Forwarded-For} address, 127.0.0.1 being a trusted proxy), so the budgets of the
 * rate limit never mix. Tokens are checked with no clock skew, so that "after its {@code exp}" means just that.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                "catalog.jwt.secret=" + GuardsOnEveryTransportTest.SECRET,
                "catalog.jwt.audience=" + Tokens.AUDIENCE,
                "catalog.jwt.clock-skew=0s",
                "catalog.trusted-proxies=127.0.0.1",
                "catalog.rate-limit.per-minute=" + GuardsOnEveryTransportTest.PER_MINUTE,
                "spring.graphql.schema.locations=classpath:graphql/**/,classpath:graphql-limits-test/",
                "catalog.graphql.max-depth=4",
                "catalog.graphql.max-complexity=1000",
                "catalog.graphql.timeout=3s"})
@Import(GuardsOnEveryTransportTest.SlowField.class)
class GuardsOnEveryTransportTest {

    static final String SECRET = "another-test-secret-long-enough-for-hs256";
    static final int PER_MINUTE = 20;
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    @Value("${local.server.port}")
    int port;

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowField {

        @Bean
        RuntimeWiringConfigurer slowEcho() {
            return wiring -> wiring.type("Query", type -> type.dataFetcher("slowEcho", env ->
                    CompletableFuture.supplyAsync(() -> "slow", CompletableFuture.delayedExecutor(
                            env.<Integer>getArgument("millis"), TimeUnit.MILLISECONDS))));
        }
    }

    /** How operations reach the service. */
    enum Transport {
        HTTP {
            @Override
            Session open(int port, String client, String token) {
                return new HttpSession(Http.to(port), client, token);
            }
        },
        WEBSOCKET {
            @Override
            Session open(int port, String client, String token) {
                return new SocketSession(port, client, token);
            }
        };

        /** A session of {@code client}, authenticated with {@code token} ({@code null}: anonymous). */
        abstract Session open(int port, String client, String token);
    }

    /** One client talking over one transport. */
    interface Session extends AutoCloseable {

        /** The answer to {@code document}: a GraphQL response (errors included), or {@code null} once closed. */
        default JsonNode run(String document) {
            return run(document, Map.of());
        }

        /** The answer to {@code document} with {@code variables}, as {@link #run(String)}. */
        JsonNode run(String document, Map<String, Object> variables);

        /** Requests the session itself cost its client's budget (the WebSocket upgrade is one). */
        int requestsToOpen();

        /** The close code of a connection the server closed; {@code null} for HTTP. */
        Integer closeCode() throws Exception;

        @Override
        void close();
    }

    private record HttpSession(Http http, String client, String token) implements Session {

        @Override
        public JsonNode run(String document, Map<String, Object> variables) {
            String body = JSON.writeValueAsString(Map.of("query", document, "variables", variables));
            HttpResponse<String> response = token == null
                    ? http.graphQl(body, "X-Forwarded-For", client)
                    : http.graphQl(body, "X-Forwarded-For", client, "Authorization", "Bearer " + token);
            return JSON.readTree(response.body());
        }

        @Override
        public int requestsToOpen() {
            return 0;
        }

        @Override
        public Integer closeCode() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    private static final class SocketSession implements Session {

        private final WsClient socket;
        private int operations;

        SocketSession(int port, String client, String token) {
            socket = WsClient.connect(port, Map.of("X-Forwarded-For", client), "graphql-transport-ws");
            socket.send(token == null ? Map.of("type", "connection_init")
                    : Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
            JsonNode ack = socket.next();
            assertThat(ack.get("type").asString()).as("%s", ack).isEqualTo("connection_ack");
        }

        @Override
        public JsonNode run(String document, Map<String, Object> variables) {
            if (socket.isClosed()) {
                return null;
            }
            String id = "op-" + ++operations;
            socket.subscribe(id, document, variables);
            JsonNode message = socket.next(Duration.ofSeconds(15));
            assertThat(message.get("id").asString()).as("%s", message).isEqualTo(id);
            return switch (message.get("type").asString()) {
                case "next" -> {
                    JsonNode complete = socket.next();
                    assertThat(complete.get("type").asString()).as("%s", complete).isEqualTo("complete");
                    yield message.get("payload");
                }
                case "error" -> {
                    ObjectNode errors = JsonNodeFactory.instance.objectNode();
                    errors.set("errors", message.get("payload"));
                    yield errors;
                }
                default -> throw new AssertionError("unexpected " + message);
            };
        }

        @Override
        public int requestsToOpen() {
            return 1;
        }

        @Override
        public Integer closeCode() throws Exception {
            return socket.closeCode();
        }

        void ping() {
            socket.send(Map.of("type", "ping"));
            assertThat(socket.next().get("type").asString()).isEqualTo("pong");
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A word no other product's name has (letters only: the search matches whole words' starts). */
    private static String word() {
        return UUID.randomUUID().toString().replaceAll("[^a-f]", "").replace('a', 'q') + "z";
    }

    private static String newClient() {
        return "10.77.0." + CLIENTS.incrementAndGet();
    }

    private static String token(String scopes, Duration expiresIn) {
        return Tokens.hs256(SECRET, Tokens.claims(scopes, expiresIn).build());
    }

    private static String code(JsonNode answer) {
        return answer.at("/errors/0/extensions/code").asString();
    }

    private static String createProduct(String name) {
        return "mutation { createProduct(inp: {name: \"" + name + "\", price: 1}) { id name } }";
    }

    private boolean productExists(String name) {
        JsonNode found = JSON.readTree(Http.to(port).graphQl(Http.query(
                "{ searchActiveProductsByName(search: \"" + name + "\") { name } }"), "X-Forwarded-For", newClient()).body());
        return found.at("/data/searchActiveProductsByName").size() > 0;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void operations_past_the_clients_limit_are_refused_with_rate_limited(Transport transport) {
        try (Session session = transport.open(port, newClient(), null)) {
            int served = 0;
            JsonNode answer;
            while (!(answer = session.run("{ __typename }")).has("errors")) {
                served++;
                assertThat(served).as("operations served").isLessThanOrEqualTo(PER_MINUTE);
            }

            assertThat(code(answer)).as("%s", answer).isEqualTo("RATE_LIMITED");
            assertThat(answer.at("/errors/0/message").asString()).contains("at most " + PER_MINUTE + " a minute");
            assertThat(served + session.requestsToOpen()).isEqualTo(PER_MINUTE);
            if (session instanceof SocketSession socket) {
                socket.ping(); // refused, not disconnected: the connection stays usable
                assertThat(code(socket.run("{ __typename }"))).isEqualTo("RATE_LIMITED");
            }
        }
    }

    @Test
    void the_socket_and_http_requests_of_one_client_share_one_budget() {
        String client = newClient();
        try (Session http = Transport.HTTP.open(port, client, null);
             Session socket = Transport.WEBSOCKET.open(port, client, null)) {
            int served = socket.requestsToOpen();
            for (; served < PER_MINUTE; served++) {
                Session next = served % 2 == 0 ? http : socket;
                assertThat(next.run("{ __typename }").has("errors")).as("request %d", served).isFalse();
            }

            assertThat(code(http.run("{ __typename }"))).isEqualTo("RATE_LIMITED");
            assertThat(code(socket.run("{ __typename }"))).isEqualTo("RATE_LIMITED");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a_token_authorizes_nothing_after_its_expiry(Transport transport) throws Exception {
        Duration lifetime = Duration.ofSeconds(3);
        long expiresAt = System.currentTimeMillis() + lifetime.toMillis();
        String before = "Before expiry " + word();
        String after = "After expiry " + word();
        try (Session session = transport.open(port, newClient(), token("catalog:write", lifetime))) {
            JsonNode created = session.run(createProduct(before));
            assertThat(created.at("/data/createProduct/name").asString()).as("%s", created).isEqualTo(before);

            // JWT times are whole seconds: wait for the second after the one it expires in.
            Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 1_100);
            JsonNode refused = session.run(createProduct(after));

            if (transport == Transport.WEBSOCKET) {
                assertThat(session.closeCode()).as("the connection ends with its token").isEqualTo(4403);
            }
            if (refused != null) {
                assertThat(code(refused)).as("%s", refused).isEqualTo("UNAUTHENTICATED");
            }
        }
        assertThat(productExists(before)).isTrue();
        assertThat(productExists(after)).as("written after the token expired").isFalse();
    }

    @Test
    void a_subscription_ends_when_the_token_of_its_connection_expires() throws Exception {
        Duration lifetime = Duration.ofSeconds(3);
        try (Session session = Transport.WEBSOCKET.open(port, newClient(), token("catalog:write", lifetime));
             Session writer = Transport.HTTP.open(port, newClient(), token("catalog:write", Duration.ofMinutes(5)))) {
            WsClient socket = ((SocketSession) session).socket;
            socket.subscribe("changes", "subscription { productChanged { kind product { name } } }", Map.of());
            Thread.sleep(500); // the protocol acknowledges no subscription: give it time to start
            String name = "Seen while valid " + word();
            writer.run(createProduct(name));
            JsonNode change = socket.next();
            assertThat(change.at("/payload/data/productChanged/product/name").asString()).as("%s", change).isEqualTo(name);

            assertThat(session.closeCode()).isEqualTo(4403);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a_token_without_the_write_scope_is_forbidden_a_mutation_and_changes_nothing(Transport transport) {
        String name = "Forbidden " + word();
        try (Session session = transport.open(port, newClient(), token("catalog:admin", Duration.ofMinutes(5)))) {
            JsonNode refused = session.run(createProduct(name));

            assertThat(code(refused)).as("%s", refused).isEqualTo("FORBIDDEN");
            assertThat(refused.at("/data/createProduct/id").isMissingNode()).as("%s", refused).isTrue();
        }
        assertThat(productExists(name)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void an_operation_deeper_than_the_limit_is_refused_before_it_runs(Transport transport) {
        try (Session session = transport.open(port, newClient(), null)) {
            JsonNode refused = session.run("{ products(first: 1) { edges { node { images { id } } } } }");

            assertThat(code(refused)).as("%s", refused).isEqualTo("GRAPHQL_DEPTH_LIMIT_EXCEEDED");
            assertThat(refused.has("data")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a_document_run_before_is_measured_again_when_a_variable_sets_its_page_size(Transport transport) {
        // Two pages of n products: 2 x (1 + 1 + 5n), 14 for n = 1 and 1,004 for n = 100, against at most 1,000.
        String pages = "query($n: Int) { a: products(first: $n) { edges { node { id name price status } } }"
                + " b: products(first: $n) { edges { node { id name price status } } } }";
        try (Session session = transport.open(port, newClient(), null)) {
            // Twice: the first run of a new document is measured while it is parsed, the second from the cache.
            for (int i = 0; i < 2; i++) {
                JsonNode small = session.run(pages, Map.of("n", 1));
                assertThat(small.has("errors")).as("%s", small).isFalse();
            }

            JsonNode refused = session.run(pages, Map.of("n", 100));
            assertThat(code(refused)).as("%s", refused).isEqualTo("GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED");
            assertThat(refused.has("data")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void an_operation_that_outlives_the_timeout_is_cancelled(Transport transport) {
        try (Session session = transport.open(port, newClient(), null)) {
            JsonNode refused = session.run("{ slowEcho(millis: 8000) }");

            assertThat(code(refused)).as("%s", refused).isEqualTo("GRAPHQL_TIMEOUT");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void an_invalid_token_authorizes_nothing(Transport transport) throws Exception {
        String expired = token("catalog:write", Duration.ofMinutes(-5));
        if (transport == Transport.HTTP) {
            try (Session session = transport.open(port, newClient(), expired)) {
                assertThat(code(session.run("{ __typename }"))).isEqualTo("UNAUTHENTICATED");
            }
        } else {
            try (WsClient socket = WsClient.connect(port, Map.of("X-Forwarded-For", newClient()), "graphql-transport-ws")) {
                socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + expired)));
                assertThat(socket.closeCode()).isEqualTo(4403);
            }
        }
    }
}
