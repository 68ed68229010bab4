package dev.catalog.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorShapeTest extends ApiTest {

    @Test
    void a_document_that_is_not_graphql_is_graphql_parse_failed() {
        graphQl.document("query { getAllImages { id ").execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", "GRAPHQL_PARSE_FAILED");
            assertThat(errors.getFirst().getLocations()).isNotEmpty();
        });
    }

    @Test
    void a_field_the_schema_does_not_have_is_graphql_validation_failed() {
        graphQl.document("query { getAllImages { id colour } }").execute().errors().satisfy(errors -> {
            assertThat(errors).isNotEmpty();
            assertThat(errors).allSatisfy(error -> {
                assertThat(error.getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
                assertThat(error.getLocations()).isNotEmpty();
            });
        });
    }

    @Test
    void a_variable_of_the_wrong_type_is_bad_user_input() {
        graphQl.documentName("getImage").variable("imageId", "seven").execute().errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getExtensions()).containsEntry("code", "BAD_USER_INPUT");
        });
    }

    @Test
    void a_missing_required_input_field_is_bad_user_input_and_stores_nothing() {
        graphQl.documentName("createProduct").variable("inp", Map.of("price", 3)).execute().errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "BAD_USER_INPUT");
                });
    }

    @Test
    void an_explicit_null_page_size_is_graphql_validation_failed_naming_the_argument() {
        graphQl.document("{ productHistory(id: 1, first: null) { edges { cursor } } }").execute().errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
                    assertThat(errors.getFirst().getMessage()).contains("'first'");
                });
    }

    @Test
    void a_null_variable_for_an_argument_with_a_default_is_bad_user_input() {
        graphQl.document("query($first: Int) { deadLetters(first: $first) { id } }").variable("first", null).execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "BAD_USER_INPUT");
                    assertThat(errors.getFirst().getMessage()).contains("first");
                });
    }

    @Test
    void a_nullable_variable_with_a_value_still_fills_a_non_null_argument_with_a_default() {
        graphQl.document("query($first: Int) { deadLetters(first: $first) { id } }").variable("first", 5).execute()
                .errors().verify().path("deadLetters").entityList(Object.class).hasSizeLessThan(6);
    }

    @Test
    void a_field_error_carries_the_path_of_the_failing_field() {
        graphQl.documentName("createProduct").variable("inp", productInput("x", 1, null)).execute().errors()
                .satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getPath()).isEqualTo("createProduct");
                    assertThat(errors.getFirst().getLocations()).isNotEmpty();
                });
    }

    @Test
    void a_subscription_sent_over_http_is_refused_with_where_to_send_it() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json").header("Accept", "application/graphql-response+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"subscription { productChanged { kind } }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("\"BAD_REQUEST\"").contains("WebSocket (graphql-transport-ws)")
                .doesNotContain("upstreamPublisher");
    }
}
