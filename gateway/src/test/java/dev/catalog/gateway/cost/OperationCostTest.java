package dev.catalog.gateway.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.graphql.limits.OperationCost;
import graphql.introspection.IntrospectionQuery;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The cost model with the catalog's list sizes, against the real schema: what passes, what does not, and why. */
public class OperationCostTest {

    private static final int MAX_COMPLEXITY = 40_000;
    /** A modest catalog: 1,500 active products with 3 images each; a search for "lamp" finds 3 of them. */
    private static final ListSizes MODEST = new FixedSizes(1_500, 4_500);
    private static final GraphQLSchema SCHEMA = schema();

    public static final String FULL_PAGE = """
            products(first: 100) {
              edges { cursor node { id name price status version createdAt updatedAt
                images { id url priority productId version createdAt updatedAt } } }
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            }""";

    /** The combined schema: every file of {@code graphql/}. */
    private static GraphQLSchema schema() {
        try (var files = Files.list(Path.of("src/main/resources/graphql"))) {
            StringBuilder sdl = new StringBuilder();
            for (Path file : files.filter(path -> path.toString().endsWith(".graphqls")).sorted().toList()) {
                sdl.append(Files.readString(file)).append('\n');
            }
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(sdl.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OperationCost.Measure measure(String document) {
        return measure(document, Map.of());
    }

    private static OperationCost.Measure measure(String document, Map<String, Object> variables) {
        return measure(document, variables, MODEST);
    }

    private static OperationCost.Measure measure(String document, Map<String, Object> variables, ListSizes sizes) {
        return OperationCost.measure(SCHEMA, Parser.parse(document), null, variables, CatalogListCosts.sizer(sizes), MAX_COMPLEXITY);
    }

    /** The sizes of a catalog with this many active products and images; a search for "lamp" finds 3. */
    private record FixedSizes(long activeProducts, long images) implements ListSizes {
        @Override
        public long activeProductsMatching(String search) {
            return search.equals("lamp") ? 3 : 0;
        }
    }

    /** Sizes that must not be asked for. */
    private static final ListSizes UNASKED = new ListSizes() {
        @Override
        public long activeProducts() {
            throw new AssertionError("counted the active products");
        }

        @Override
        public long activeProductsMatching(String search) {
            throw new AssertionError("counted a search");
        }

        @Override
        public long images() {
            throw new AssertionError("counted the images");
        }
    };

    @Test
    void a_page_larger_than_its_resolver_serves_costs_the_largest_page_the_resolver_serves() {
        // The resolvers refuse a larger `first` with the same constants (ProductController, AdminController).
        assertThat(measure("{ products(first: 1000) { edges { cursor } } }", Map.of(), UNASKED).complexity())
                .isEqualTo(1 + 1 + CatalogListCosts.MAX_PAGE_SIZE);
        assertThat(measure("{ products { edges { cursor } } }", Map.of(), UNASKED).complexity())
                .isEqualTo(1 + 1 + CatalogListCosts.DEFAULT_PAGE_SIZE);
        assertThat(measure("{ events(after: 0, first: 100000) { position } }", Map.of(), UNASKED).complexity())
                .isEqualTo(1 + CatalogListCosts.MAX_EVENTS);
        assertThat(measure("{ deadLetters(processor: \"p\", first: 100000) { id } }", Map.of(), UNASKED).complexity())
                .isEqualTo(1 + CatalogListCosts.MAX_DEAD_LETTERS);
    }

    @Test
    void the_heaviest_normal_page_costs_about_eight_thousand_and_passes_the_default() {
        OperationCost.Measure page = measure("{ " + FULL_PAGE + " }");

        // products 1 + edges (1 + 100 × (cursor 1 + node 1 + 7 scalars + images (1 + 10 × 7))) + pageInfo 5
        assertThat(page.complexity()).isEqualTo(8007);
        assertThat(page.complexity()).isLessThanOrEqualTo(MAX_COMPLEXITY);
        assertThat(page.depth()).isEqualTo(5);
    }

    @Test
    void a_measure_that_reads_no_variable_and_measures_no_list_follows_from_the_document_alone() {
        assertThat(measure("{ " + FULL_PAGE + " }", Map.of(), UNASKED).documentOnly()).isTrue();
        // The id is a variable, but no list size depends on it.
        assertThat(measure("query($id: ID!) { product(id: $id) { id images { id url } } }", Map.of("id", "7"), UNASKED)
                .documentOnly()).isTrue();
    }

    @Test
    void a_variable_read_for_a_size_or_a_measured_list_makes_the_measure_the_requests_own() {
        String edges = " { edges { node { id } } } }";
        assertThat(measure("query($n: Int) { products(first: $n)" + edges, Map.of("n", 50)).documentOnly()).isFalse();
        assertThat(measure("query($n: Int = 80) { products(first: $n)" + edges).documentOnly()).isFalse();
        assertThat(measure("{ getActiveProductsSortedById { id } }").documentOnly()).isFalse();
        assertThat(measure("query($s: String) { searchActiveProductsByName(search: $s) { id } }", Map.of("s", "lamp"))
                .documentOnly()).isFalse();
    }

    @Test
    void a_hundred_pages_of_a_hundred_products_is_far_over_the_default() {
        StringBuilder document = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            document.append(" p").append(i).append(": products(first: 100) { edges { node { id name price status } } }");
        }
        OperationCost.Measure pages = measure(document.append(" }").toString());

        assertThat(pages.complexity()).isEqualTo(100 * (1 + 1 + 100 * (1 + 4)));
        assertThat(pages.complexity()).isGreaterThan(MAX_COMPLEXITY);
        assertThat(pages.aliases()).isEqualTo(100);
    }

    @Test
    void four_full_pages_in_one_operation_pass_the_default_and_five_do_not() {
        assertThat(measure("{ a: " + FULL_PAGE + " b: " + FULL_PAGE + " c: " + FULL_PAGE + " d: " + FULL_PAGE + " }")
                .complexity()).isLessThanOrEqualTo(MAX_COMPLEXITY);
        assertThat(measure("{ a: " + FULL_PAGE + " b: " + FULL_PAGE + " c: " + FULL_PAGE + " d: " + FULL_PAGE
                + " e: " + FULL_PAGE + " }").complexity()).isGreaterThan(MAX_COMPLEXITY);
    }

    @Test
    void the_page_size_comes_from_first_whether_literal_variable_default_or_absent() {
        String edges = " { edges { node { id } } } }";
        assertThat(measure("{ products(first: 10)" + edges).complexity()).isEqualTo(1 + 1 + 10 * 2);
        assertThat(measure("query($n: Int) { products(first: $n)" + edges, Map.of("n", 50)).complexity())
                .isEqualTo(1 + 1 + 50 * 2);
        assertThat(measure("query($n: Int = 80) { products(first: $n)" + edges).complexity()).isEqualTo(1 + 1 + 80 * 2);
        assertThat(measure("{ products" + edges).complexity()).isEqualTo(1 + 1 + 20 * 2);
        // Out of range is refused by the resolver (BAD_USER_INPUT) before it reads anything: cost it as a full page.
        assertThat(measure("{ products(first: 99999999)" + edges).complexity()).isEqualTo(1 + 1 + 100 * 2);
    }

    @Test
    void a_history_page_costs_its_first_and_an_entry_the_fields_its_entity_can_change() {
        String entries = " { edges { cursor node { version changes { field from to } } } } }";
        // history 1 + edges (1 + first × (cursor 1 + node 1 + version 1 + changes (1 + fields × 3)))
        assertThat(measure("{ productHistory(id: 1, first: 10)" + entries).complexity())
                .isEqualTo(1 + 1 + 10 * (3 + 1 + 3 * 3));
        assertThat(measure("query($n: Int!) { productHistory(id: 1, first: $n)" + entries, Map.of("n", 50))
                .complexity()).isEqualTo(1 + 1 + 50 * (3 + 1 + 3 * 3));
        assertThat(measure("{ imageHistory(id: 1)" + entries).complexity()).isEqualTo(1 + 1 + 20 * (3 + 1 + 4 * 3));
        // What Apollo Client sends for a full page of a product's history, __typename added everywhere, passes.
        assertThat(measure("{ productHistory(id: 1, first: 100) { edges { cursor node { version kind at by"
                + " correlationId changes { field from to __typename } __typename } __typename }"
                + " pageInfo { hasNextPage __typename } __typename } }").complexity())
                .isLessThanOrEqualTo(MAX_COMPLEXITY / 10);
    }

    @Test
    void the_legacy_unbounded_lists_are_costed_by_what_they_hold_now() {
        assertThat(measure("{ getAllImages { id url } }").complexity()).isEqualTo(1 + 4_500 * 2);
        assertThat(measure("{ searchActiveProductsByName(search: \"lamp\") { id name } }").complexity())
                .isEqualTo(1 + 3 * 2);
        assertThat(measure("query($s: String!) { searchActiveProductsByName(search: $s) { id } }", Map.of("s", "lamp"))
                .complexity()).isEqualTo(1 + 3);
        // 1,500 products would have 15,000 images at the assumed 10 each, but the catalog holds only 4,500.
        assertThat(measure("{ getActiveProductsSortedById { id images { id } } }").complexity())
                .isEqualTo(1 + 1_500 * (1 + 1) + 4_500);
    }

    @Test
    void one_legacy_list_as_long_as_the_default_list_size_passes_with_four_fields_and_its_size_is_reported() {
        OperationCost.Measure list = measure("{ getActiveProductsSortedById { id name price status } }", Map.of(),
                new FixedSizes(5_000, 15_000));

        assertThat(list.complexity()).isEqualTo(1 + 5_000 * 4).isLessThanOrEqualTo(MAX_COMPLEXITY);
        assertThat(list.largestList()).isEqualTo("getActiveProductsSortedById");
        assertThat(list.largestListSize()).isEqualTo(5_000);
    }

    @Test
    void thirty_aliases_of_a_legacy_list_of_two_thousand_products_are_far_over_the_default() {
        StringBuilder document = new StringBuilder("{");
        for (int i = 0; i < 30; i++) {
            document.append(" l").append(i).append(": getActiveProductsSortedById { id name }");
        }
        OperationCost.Measure lists = measure(document.append(" }").toString(), Map.of(), new FixedSizes(2_000, 6_000));

        assertThat(lists.complexity()).isEqualTo(30 * (1 + 2_000 * 2)).isGreaterThan(MAX_COMPLEXITY);
    }

    @Test
    void an_operation_without_legacy_lists_is_measured_without_counting_anything() {
        OperationCost.Measure page = measure("{ " + FULL_PAGE + " product(id: 1) { images { id } } }", Map.of(), UNASKED);

        assertThat(page.complexity()).isEqualTo(8007 + 1 + 1 + 10);
        assertThat(page.largestList()).isNull();
    }

    @Test
    void the_projection_lists_are_costed_as_ten_projection_groups() {
        assertThat(measure("{ projections { name running } }").complexity()).isEqualTo(1 + 10 * 2);
        assertThat(measure("mutation { retryDeadLetters { recovered projections { name } } }").complexity())
                .isEqualTo(1 + 1 + (1 + 10 * 1));
    }

    @Test
    void fragments_are_expanded_where_they_are_spread_and_inline_fragments_keep_their_type() {
        OperationCost.Measure measure = measure("""
                query { product(id: 1) { ...P } x: product(id: 2) { ... on Product { images { id } } } }
                fragment P on Product { id images { url } }""");

        assertThat(measure.complexity()).isEqualTo((1 + 1 + (1 + 10)) + (1 + (1 + 10)));
        assertThat(measure.aliases()).isEqualTo(1);
        assertThat(measure.depth()).isEqualTo(3);
    }

    @Test
    void an_exponential_fragment_bomb_stops_the_walk_and_counts_as_too_complex() {
        StringBuilder document = new StringBuilder("query { ...F0 }\nfragment F30 on Query { __typename }\n");
        for (int i = 0; i < 30; i++) {
            document.append("fragment F").append(i).append(" on Query { ...F").append(i + 1)
                    .append(" ...F").append(i + 1).append(" }\n");
        }
        OperationCost.Measure bomb = measure(document.toString());

        assertThat(bomb.truncated()).isTrue();
        assertThat(bomb.complexity()).isGreaterThan(MAX_COMPLEXITY);
    }

    @Test
    void a_fragment_cycle_is_not_followed() {
        OperationCost.Measure cycle = measure("""
                query { product(id: 1) { ...A } }
                fragment A on Product { id ...B }
                fragment B on Product { name ...A }""");

        assertThat(cycle.truncated()).isFalse();
        assertThat(cycle.complexity()).isEqualTo(3);
    }

    @Test
    void introspection_subtrees_add_no_depth_nor_cost_so_graphiql_can_load_the_schema() {
        OperationCost.Measure introspection = measure(IntrospectionQuery.INTROSPECTION_QUERY);

        assertThat(introspection.depth()).isZero();
        assertThat(introspection.complexity()).isZero();
    }

    @Test
    void depth_counts_fields_even_unknown_ones_before_validation() {
        assertThat(measure("{ a { b { c { d } } } }").depth()).isEqualTo(4);
    }

    @Test
    void directives_and_aliases_are_counted_everywhere_in_the_operation() {
        OperationCost.Measure measure = measure("""
                query Q($id: Int! @deprecated) @skip(if: false) {
                  a: product(id: $id) @include(if: true) { ...F @skip(if: false) ... @include(if: true) { b: id } }
                }
                fragment F on Product @include(if: true) { name }""");

        assertThat(measure.directives()).isEqualTo(6);
        assertThat(measure.aliases()).isEqualTo(2);
    }

    @Test
    void every_test_document_and_every_readme_query_passes_the_default_limits() throws IOException {
        List<String> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/graphql-test"))) {
            for (Path file : files.toList()) {
                documents.add(Files.readString(file));
            }
        }
        Matcher blocks = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("../README.md")));
        int readmeBlocks = 0;
        while (blocks.find()) {
            documents.add(blocks.group(1));
            readmeBlocks++;
        }
        assertThat(readmeBlocks).isGreaterThanOrEqualTo(2);
        assertThat(documents).hasSizeGreaterThan(13);

        for (String text : documents) {
            Document document = Parser.parse(text);
            for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
                Document single = document.transform(builder -> builder.definitions(
                        Stream.concat(Stream.of(operation), document.getDefinitions().stream()
                                .filter(d -> !(d instanceof OperationDefinition))).toList()));
                OperationCost.Measure measure = OperationCost.measure(SCHEMA, single, null, Map.of(), CatalogListCosts.sizer(MODEST), MAX_COMPLEXITY);
                assertThat(measure.depth()).as(operation.toString()).isLessThanOrEqualTo(10);
                assertThat(measure.complexity()).as(text).isLessThanOrEqualTo(MAX_COMPLEXITY);
                assertThat(measure.aliases()).as(text).isLessThanOrEqualTo(30);
            }
        }
    }
}
