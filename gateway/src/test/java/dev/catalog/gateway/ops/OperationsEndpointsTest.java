package dev.catalog.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperationsEndpointsTest extends ApiTest {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_reports_the_database_and_the_event_processors() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"db\"").contains("\"processors\"");
    }

    @Test
    void readiness_includes_the_event_processors_and_liveness_is_served() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"processors\"", "\"readinessState\"");
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    @Test
    void prometheus_scrapes_each_asynchronous_processors_lag_and_dead_letters_beside_the_usual_metrics() throws Exception {
        createProduct(unique("Scraped"), 1, null);

        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("catalog_processor_lag_events\\{processor=\"product-image-cascade\"\\} \\d")
                .contains("catalog_processor_dead_letters{processor=\"product-image-cascade\"}")
                .containsPattern("catalog_processor_position\\{processor=\"product-image-cascade\"\\} \\d")
                .containsPattern("catalog_processor_lag_seconds\\{processor=\"product-image-cascade\"\\} \\d")
                .contains("catalog_projection_rebuild_progress{projection=\"product-view\"}")
                .contains("catalog_projection_rebuild_events{projection=\"image-view\"}")
                .contains("hikaricp_connections", "jvm_memory_used_bytes");
    }

    @Test
    void prometheus_counts_http_requests_and_graphql_operations_by_outcome_and_error_code() throws Exception {
        graphQl.document("{ __typename }").execute();
        graphQl.document("{ noSuchField }").execute();

        String metrics = get("/actuator/prometheus").body();

        assertThat(metrics)
                .containsPattern("http_server_requests_seconds_count\\{method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/graphql\"} [1-9]")
                .containsPattern("graphql_requests_seconds_count\\{endpoint=\"/graphql\",outcome=\"SUCCESS\"} [1-9]")
                .containsPattern("graphql_requests_seconds_count\\{endpoint=\"/graphql\",outcome=\"REQUEST_ERROR\"} [1-9]")
                .containsPattern("graphql_errors_total\\{code=\"GRAPHQL_VALIDATION_FAILED\",endpoint=\"/graphql\"} [1-9]");
    }

    @Test
    void graphiql_is_served_with_its_assets_from_this_origin_under_a_strict_content_security_policy() throws Exception {
        HttpResponse<String> page = get("/graphiql");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-eval", "http:", "https:"));
        List<String> assets = new ArrayList<>();
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        while (references.find()) {
            assets.add(references.group(1));
        }
        assertThat(assets).hasSize(7).allSatisfy(asset -> assertThat(asset).startsWith("/"));
        for (String asset : assets) {
            assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void a_query_can_be_sent_with_get() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql?query=%7BgetAllImages%7Bid%7D%7D"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("{\"data\":{\"getAllImages\":[");
    }

    @Test
    void a_mutation_sent_with_get_is_refused_with_405_and_not_executed() throws Exception {
        String name = unique("ViaGet").replace(" ", "");
        String query = java.net.URLEncoder.encode("mutation { createProduct(inp: {name: \"" + name
                + "\", price: 1}) { id } }", java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/graphql?query=" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        graphQl.documentName("searchActiveProductsByName").variable("search", name).execute()
                .path("searchActiveProductsByName").entityList(Object.class).hasSize(0);
    }
}
