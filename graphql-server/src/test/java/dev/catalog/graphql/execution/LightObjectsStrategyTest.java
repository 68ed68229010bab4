package dev.catalog.graphql.execution;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.SimpleDataFetcherExceptionHandler;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every document answers the same, errors included, with the plans as with graphql-java alone; and the selections a
 * plan is meant for are planned, so that the comparison does not pass by falling back everywhere.
 */
class LightObjectsStrategyTest {

    public enum Status { ACTIVE, ARCHIVED }

    public record Part(String name, Integer size) {
    }

    public record Item(int id, String name, double price, Status status, List<String> tags, List<Part> parts,
                       String missing, Object odd) {
    }

    private static final String SDL = """
            type Query {
              item: Item
              items: [Item!]!
              strictItems: [StrictItem!]
              found: [Found]
              node: Node
            }
            interface Node { id: Int! }
            type Item implements Node {
              id: Int!
              name: String
              price: Float!
              status: Status!
              tags: [String!]
              parts: [Part!]!
              missing: String
              odd: Int
              scaled(by: Int = 2): Float
            }
            type StrictItem { id: Int!, missing: String! }
            type Part { name: String!, size: Int }
            union Found = Item | Part
            enum Status { ACTIVE ARCHIVED }
            """;

    private static final Item LAMP = new Item(1, "lamp", 9.5, Status.ACTIVE, List.of("a", "b"),
            List.of(new Part("bulb", 3), new Part("shade", null)), null, 7);
    private static final Item DESK = new Item(2, "desk", 120, Status.ARCHIVED, null, List.of(), null, "not a number");

    private static GraphQLSchema schema() {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", type -> type
                        .dataFetcher("item", env -> LAMP)
                        .dataFetcher("items", env -> List.of(LAMP, DESK))
                        .dataFetcher("strictItems", env -> List.of(LAMP))
                        .dataFetcher("found", env -> List.of(LAMP, new Part("bulb", 3)))
                        .dataFetcher("node", env -> LAMP))
                .type("Node", type -> type.typeResolver(env -> env.getSchema().getObjectType("Item")))
                .type("Found", type -> type.typeResolver(env -> env.getSchema().getObjectType(
                        env.getObject() instanceof Item ? "Item" : "Part")))
                .type("Item", type -> type.dataFetcher("scaled", env -> {
                    Item item = env.getSource();
                    return item.price() * (Integer) env.getArgument("by");
                }));
        RecordFieldFetchers.wire(wiring, "Item", Item.class, Set.of());
        RecordFieldFetchers.wire(wiring, "StrictItem", Item.class, Set.of("name", "price", "status", "tags", "parts",
                "odd"));
        RecordFieldFetchers.wire(wiring, "Part", Part.class, Set.of());
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL), wiring.build());
    }

    private static final GraphQLSchema SCHEMA = schema();
    private static final GraphQL PLAIN = GraphQL.newGraphQL(SCHEMA).build();
    private static final GraphQL PLANNED = GraphQL.newGraphQL(SCHEMA)
            .queryExecutionStrategy(new LightObjectsStrategy(new SimpleDataFetcherExceptionHandler())).build();

    @ParameterizedTest
    @ValueSource(strings = {
            "{ item { id name price status tags parts { name size } } }",
            "{ items { id status tags parts { size name } __typename } }",
            "{ item { first: name second: name id alias: parts { n: name } } }",
            "{ item { ...basics parts { ... on Part { name } } } } fragment basics on Item { id name price }",
            "{ item { ... { id } ... on Node { name } } }",
            "{ found { ... on Item { id name } ... on Part { name size } __typename } }",
            "{ node { id ... on Item { name parts { name } } } }",
            "query($with: Boolean!) { item { id name @include(if: $with) parts { name @skip(if: $with) } } }",
            "{ item { name name parts { name } parts { size } } }",
            "{ items { id odd } }",
            "{ strictItems { id missing } }",
            "{ item { id scaled scaled2: scaled(by: 3) } }",
            "{ item { missing tags } }",
    })
    void planned_or_not_every_document_answers_as_graphql_java_does(String document) {
        ExecutionInput input = ExecutionInput.newExecutionInput(document).variables(Map.of("with", true)).build();
        ExecutionInput again = ExecutionInput.newExecutionInput(document).variables(Map.of("with", true)).build();

        Map<String, Object> expected = PLAIN.execute(input).toSpecification();
        Map<String, Object> actual = PLANNED.execute(again).toSpecification();

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.toString()).as("key order").isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ item { id name price status tags parts { name size } } }",
            "{ item { first: name second: name id alias: parts { n: name } __typename } }",
            "{ item { ...basics parts { ... on Part { name } } } } fragment basics on Item { id name price }",
            "{ item { ... { id } ... on Node { name } } }",
    })
    void a_selection_of_light_fields_is_planned(String document) {
        assertThat(planned(document)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "query($with: Boolean!) { item { id name @include(if: $with) } }",
            "{ item { name name } }",
            "{ item { id scaled } }",
            "{ item { id parts { ... on Part @skip(if: true) { name } } } }",
    })
    void a_selection_with_a_directive_a_repeated_key_or_a_field_that_is_not_light_is_left_to_graphql_java(
            String document) {
        assertThat(planned(document)).isFalse();
    }

    /** Whether the selection under the query's {@code item} field has a plan. */
    private static boolean planned(String document) {
        Document parsed = Parser.parse(document);
        Map<String, FragmentDefinition> fragments = parsed.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, fragment -> fragment));
        graphql.language.Field item = (graphql.language.Field) parsed.getDefinitionsOfType(OperationDefinition.class)
                .getFirst().getSelectionSet().getSelections().getFirst();
        return LightObjectsStrategy.plan(item.getSelectionSet(), SCHEMA.getObjectType("Item"), SCHEMA, fragments)
                != LightObjectsStrategy.NONE;
    }
}
