package dev.catalog.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.CatalogApplication;
import dev.catalog.gateway.security.Tokens;
import dev.catalog.gateway.subscription.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With tokens: the history records the token's subject as who made a change, over HTTP and over the socket. */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                "catalog.jwt.secret=" + HistoryByTokenTest.SECRET,
                "catalog.jwt.audience=" + Tokens.AUDIENCE,
                "catalog.rate-limit.per-minute=0"})
class HistoryByTokenTest {

    static final String SECRET = "a-test-secret-that-is-long-enough-for-hs256";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_change_over_http_is_by_the_tokens_subject_and_one_over_the_socket_too() throws Exception {
        String alice = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5)).subject("alice")
                .build());
        String bob = Tokens.hs256(SECRET, Tokens.claims("catalog:write", Duration.ofMinutes(5)).subject("bob").build());
        JsonNode created = post("mutation { createProduct(inp: {name: \"By token " + UUID.randomUUID()
                + "\", price: 1}) { id } }", alice);
        int id = created.at("/data/createProduct/id").asInt();

        try (WsClient socket = WsClient.connect(port, "graphql-transport-ws")) {
            socket.send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + bob)));
            assertThat(socket.next().get("type").asString()).isEqualTo("connection_ack");
            socket.send(Map.of("id", "1", "type", "subscribe", "payload", Map.of("query",
                    "mutation { updateProduct(productId: " + id + ", input: {name: \"By socket " + UUID.randomUUID()
                            + "\", price: 2}) { version } }")));
            JsonNode next = socket.next();
            assertThat(next.at("/payload/data/updateProduct/version").asInt()).as(next.toString()).isEqualTo(2);
        }

        JsonNode history = post("{ productHistory(id: " + id + ") { edges { node { kind by } } } }", null);
        assertThat(history.at("/data/productHistory/edges").findValuesAsString("by")).containsExactly("bob", "alice");
    }

    private JsonNode post(String query, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        JsonNode answer = JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(answer.has("errors")).as(answer.toString()).isFalse();
        return answer;
    }
}
