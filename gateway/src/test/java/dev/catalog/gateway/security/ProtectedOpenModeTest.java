package dev.catalog.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open mode (no token verifier configured, as in every {@link ApiTest}) is protected: clients on this machine may
 * write, others may only read. 127.0.0.1 is a trusted proxy here, so a client elsewhere is spelled as
 * {@code X-Forwarded-For} through it.
 */
class ProtectedOpenModeTest extends ApiTest {

    private static final String REMOTE_CLIENT = "203.0.113.9";

    private Http http() {
        return Http.to(port);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }

    private static String createProduct(String name) {
        return Http.query("mutation { createProduct(inp: {name: \"" + name + "\", price: 1}) { id name } }");
    }

    private boolean exists(String name) {
        return json(http().graphQl(Http.query("{ searchActiveProductsByName(search: \"" + name + "\") { id } }")))
                .at("/data/searchActiveProductsByName").size() > 0;
    }

    @Test
    void a_client_on_another_machine_cannot_write_and_is_told_how_to_configure_tokens() {
        String name = unique("Remote write");

        JsonNode response = json(http().graphQl(createProduct(name), "X-Forwarded-For", REMOTE_CLIENT));

        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.at("/errors/0/message").asString()).contains("open mode", "CATALOG_JWT_SECRET",
                "CATALOG_JWT_ISSUER_URI");
        assertThat(exists(name)).isFalse();
    }

    @Test
    void a_client_on_another_machine_can_read() {
        String name = unique("Remote read");
        int id = super.createProduct(name, 3, null);

        JsonNode response = json(http().graphQl(Http.query("{ product(id: " + id + ") { name } }"),
                "X-Forwarded-For", REMOTE_CLIENT));

        assertThat(response.has("errors")).as(response.toString()).isFalse();
        assertThat(response.at("/data/product/name").asString()).isEqualTo(name);
    }

    @Test
    void a_client_on_another_machine_cannot_run_the_administrative_operations() {
        JsonNode response = json(http().graphQl(Http.query("{ projections { name } }"), "X-Forwarded-For", REMOTE_CLIENT));

        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.at("/data").isNull()).isTrue();
    }

    @Test
    void a_request_forwarded_by_a_proxy_that_is_not_trusted_does_not_count_as_local() {
        String name = unique("Untrusted proxy");

        // 127.0.0.2 is on this machine but not a trusted proxy: it forwards for someone, so it is not local.
        JsonNode response = json(Http.from("127.0.0.2", port).graphQl(createProduct(name), "X-Forwarded-For", REMOTE_CLIENT));

        assertThat(response.at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(exists(name)).isFalse();
    }

    @Test
    void a_client_on_this_machine_may_write_directly_or_through_the_trusted_proxy() {
        String direct = unique("Local write");
        String proxied = unique("Local proxied write");

        JsonNode first = json(http().graphQl(createProduct(direct)));
        JsonNode second = json(http().graphQl(createProduct(proxied), "X-Forwarded-For", "127.0.0.1"));

        assertThat(first.has("errors")).as(first.toString()).isFalse();
        assertThat(second.has("errors")).as(second.toString()).isFalse();
        assertThat(exists(direct)).isTrue();
        assertThat(exists(proxied)).isTrue();
    }
}
