package dev.catalog.graphql.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Status codes and media types of the GraphQL-over-HTTP specification, through real HTTP. */
class GraphQlOverHttpTest extends ApiTest {

    private static final String JSON = "application/json";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_body_that_is_not_json_is_400_with_a_graphql_shaped_error() throws Exception {
        HttpResponse<String> response = post(JSON, null, "{\"query\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo(JSON);
        assertThat(response.body()).contains("\"errors\"").contains("\"code\":\"BAD_REQUEST\"")
                .doesNotContain("\"data\"").doesNotContain("timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "{}", "[\"{ __typename }\"]"})
    void a_query_that_is_not_a_string_is_400_and_not_coerced_to_a_document(String query) throws Exception {
        HttpResponse<String> response = post(JSON, null, "{\"query\": " + query + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("`query` must be a string");
    }

    @Test
    void a_body_without_a_query_is_400() throws Exception {
        assertThat(post(JSON, null, "{\"variables\": {}}").statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"{}\"", "[]", "1"})
    void variables_that_are_not_an_object_are_400(String variables) throws Exception {
        HttpResponse<String> response = post(JSON, null,
                "{\"query\": \"{ __typename }\", \"variables\": " + variables + "}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("`variables` must be a JSON object");
    }

    @Test
    void an_operation_name_that_is_not_a_string_is_400() throws Exception {
        assertThat(post(JSON, null, "{\"query\": \"{ __typename }\", \"operationName\": 7}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void extensions_that_are_not_an_object_are_400() throws Exception {
        assertThat(post(JSON, null, "{\"query\": \"{ __typename }\", \"extensions\": \"x\"}").statusCode())
                .isEqualTo(400);
    }

    @Test
    void null_variables_operation_name_and_extensions_are_allowed() throws Exception {
        HttpResponse<String> response = post(JSON, null,
                "{\"query\": \"{ __typename }\", \"variables\": null, \"operationName\": null, \"extensions\": null}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
    }

    @Test
    void a_text_plain_post_is_415_and_nothing_executes() throws Exception {
        String word = "plain" + unique("").strip();
        String mutation = "mutation { createProduct(inp: {name: \\\"Sent as text " + word + "\\\", price: 1}) { id } }";

        HttpResponse<String> response = post("text/plain", null, "{\"query\": \"" + mutation + "\"}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Accept")).hasValue(JSON);
        assertThat(response.body()).contains("\"code\":\"BAD_REQUEST\"");
        graphQl.documentName("searchActiveProductsByName").variable("search", word).execute()
                .path("searchActiveProductsByName").entityList(Object.class).hasSize(0);
    }

    @Test
    void a_post_without_content_type_is_415() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint(""))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ __typename }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void a_get_with_a_parse_error_accepting_graphql_response_json_is_400() throws Exception {
        HttpResponse<String> response = get("{ __typename", GRAPHQL_RESPONSE);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(contentType(response)).isEqualTo(GRAPHQL_RESPONSE);
        assertThat(response.body()).contains("GRAPHQL_PARSE_FAILED").doesNotContain("\"data\"");
    }

    @Test
    void a_post_with_a_parse_error_accepting_graphql_response_json_is_400() throws Exception {
        HttpResponse<String> response = post(JSON, GRAPHQL_RESPONSE, "{\"query\": \"{ __typename\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("GRAPHQL_PARSE_FAILED");
    }

    @Test
    void a_parse_or_validation_error_accepting_only_application_json_is_200_as_legacy_clients_expect()
            throws Exception {
        assertThat(post(JSON, JSON, "{\"query\": \"{ __typename\"}").statusCode()).isEqualTo(200);
        assertThat(get("{ noSuchField }", JSON).statusCode()).isEqualTo(200);
    }

    @Test
    void an_unacceptable_accept_is_406_for_post_and_get() throws Exception {
        assertThat(post(JSON, "image/png", "{\"query\": \"{ __typename }\"}").statusCode()).isEqualTo(406);
        assertThat(get("{ __typename }", "image/png").statusCode()).isEqualTo(406);
    }

    @Test
    void a_get_without_a_query_is_400() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint("")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void other_methods_are_405_naming_get_and_post() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint("")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
    }

    /** Accept header (empty: none sent) and the Content-Type the answer must have, for GET and POST alike. */
    @ParameterizedTest(name = "Accept [{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
            "                                                       | application/json",
            "*/*                                                    | application/json",
            "application/*                                          | application/json",
            "application/json                                       | application/json",
            "application/graphql-response+json                      | application/graphql-response+json",
            "application/graphql-response+json, application/json    | application/graphql-response+json",
            "application/json, application/graphql-response+json    | application/json",
            "application/graphql-response+json;q=0.5, application/json | application/json",
            "application/json;q=0.5, application/graphql-response+json | application/graphql-response+json",
            "text/html, */*;q=0.8                                   | application/json",
    })
    void the_response_content_type_follows_accept(String accept, String expected) throws Exception {
        HttpResponse<String> posted = post(JSON, accept, "{\"query\": \"{ __typename }\"}");
        HttpResponse<String> got = get("{ __typename }", accept);

        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(contentType(posted)).isEqualTo(expected);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(contentType(got)).isEqualTo(expected);
    }

    private HttpResponse<String> post(String contentType, String accept, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(""))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String query, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                endpoint("?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI endpoint(String suffix) {
        return URI.create("http://localhost:" + port + "/graphql" + suffix);
    }

    /** The media type without parameters such as charset. */
    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
    }
}
