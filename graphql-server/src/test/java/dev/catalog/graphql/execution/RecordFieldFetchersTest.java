package dev.catalog.graphql.execution;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.LightDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecordFieldFetchersTest {

    public record Item(String name, int stock, List<String> tags, String secret) {
    }

    private static final String SDL = """
            type Query { item: Item }
            type Item { name: String, stock: Int, tags: [String], secret: String }
            """;

    private static GraphQLSchema schema() {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type.dataFetcher("item", env -> new Item("lamp", 3, List.of("a", "b"), "s")));
        RecordFieldFetchers.wire(wiring, "Item", Item.class, Set.of("secret"));
        wiring.type("Item", type -> type.dataFetcher("secret", env -> "own fetcher"));
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring.build());
    }

    @Test
    void the_engine_answers_each_field_with_the_record_component_of_the_same_name() {
        ExecutionResult result = GraphQL.newGraphQL(schema()).build()
                .execute("{ item { name stock tags secret alias: name } }");

        assertThat(result.getErrors()).isEmpty();
        assertThat(result.<Map<String, Object>>getData()).isEqualTo(Map.of("item", Map.of(
                "name", "lamp", "stock", 3, "tags", List.of("a", "b"), "secret", "own fetcher", "alias", "lamp")));
    }

    @Test
    void a_component_is_handed_out_without_the_engine_building_an_environment() throws Exception {
        GraphQLSchema schema = schema();
        GraphQLObjectType item = schema.getObjectType("Item");
        GraphQLFieldDefinition name = item.getFieldDefinition("name");
        DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(item, name), name);
        Supplier<DataFetchingEnvironment> noEnvironment = () -> {
            throw new AssertionError("the environment was asked for");
        };

        assertThat(fetcher).isInstanceOf(LightDataFetcher.class);
        assertThat(((LightDataFetcher<?>) fetcher).get(name, new Item("desk", 1, List.of(), null), noEnvironment))
                .isEqualTo("desk");
    }
}
