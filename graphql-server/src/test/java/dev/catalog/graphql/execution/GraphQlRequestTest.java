package dev.catalog.graphql.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GraphQlRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String VARIABLES = """
            {"id": 7, "big": 3000000000, "huge": 123456789012345678901234567890, "price": 9.5, "name": "Lamp",
             "active": true, "none": null, "tags": ["a", 1, null, {"x": [2.25]}], "nested": {"z": 1, "a": {"b": false}}}
            """;

    @Test
    void variables_are_read_as_the_mapper_binds_them_to_a_map_in_types_and_order() {
        GraphQlRequest request = GraphQlRequest.of(JSON.readTree(
                "{\"query\": \"{ x }\", \"variables\": " + VARIABLES + ", \"extensions\": {\"e\": [1]}}"));

        Map<?, ?> bound = JSON.readValue(VARIABLES, Map.class);
        assertThat(request.variables()).isEqualTo(bound);
        assertThat(request.variables().keySet()).containsExactlyElementsOf(
                bound.keySet().stream().map(String::valueOf).toList());
        assertThat(request.variables().get("id")).isInstanceOf(Integer.class);
        assertThat(request.variables().get("big")).isInstanceOf(Long.class);
        assertThat(request.variables().get("huge")).isInstanceOf(java.math.BigInteger.class);
        assertThat(request.variables().get("price")).isInstanceOf(Double.class);
        assertThat(request.variables()).containsEntry("none", null);
        assertThat(request.extensions()).isEqualTo(Map.of("e", java.util.List.of(1)));
    }

    @Test
    void variables_that_are_not_an_object_are_refused_with_a_message_naming_them() {
        assertThatThrownBy(() -> GraphQlRequest.of(JSON.readTree("{\"query\": \"{ x }\", \"variables\": [1]}")))
                .isInstanceOf(GraphQlRequest.InvalidRequestException.class)
                .hasMessage("`variables` must be a JSON object or null.");
    }

    @Test
    void null_or_absent_variables_and_extensions_are_empty() {
        GraphQlRequest request = GraphQlRequest.of(JSON.readTree("{\"query\": \"{ x }\", \"variables\": null}"));

        assertThat(request.variables()).isEmpty();
        assertThat(request.extensions()).isEmpty();
    }
}
