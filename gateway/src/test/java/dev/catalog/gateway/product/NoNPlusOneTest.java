package dev.catalog.gateway.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.SqlStatementCounter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoNPlusOneTest extends ApiTest {

    @Test
    void listing_products_with_their_images_costs_the_same_statements_for_3_or_30_products() {
        String few = seed("fewnp", 3);
        String many = seed("manynp", 30);

        int fewReads = viewReadsFor(few, 3);
        int manyReads = viewReadsFor(many, 30);

        assertThat(manyReads).isEqualTo(fewReads).isLessThanOrEqualTo(2);
    }

    @Test
    void the_old_systems_lists_count_what_they_will_return_in_one_statement_and_read_it_in_another() {
        seed("oldnp", 5);
        SqlStatementCounter.takeViewReads();

        graphQl.documentName("getActiveProductsSortedById").execute()
                .path("getActiveProductsSortedById").entityList(Object.class).hasSizeGreaterThan(4);

        assertThat(SqlStatementCounter.takeViewReads()).isEqualTo(2);
    }

    @Test
    void images_asked_for_through_fragments_are_read_with_the_products_in_the_same_statement() {
        String tag = seed("fragnp", 5);
        SqlStatementCounter.takeViewReads();

        graphQl.document("""
                        query($search: String) {
                          products(first: 100, filter: {search: $search}) {
                            edges { node { ... on Product { id ...withImages } } }
                          }
                        }
                        fragment withImages on Product { images { id } }""")
                .variable("search", tag).execute()
                .path("products.edges[*].node.images[*].id").entityList(Integer.class).hasSize(10);

        assertThat(SqlStatementCounter.takeViewReads()).isLessThanOrEqualTo(2);
    }

    private String seed(String prefix, int products) {
        String tag = prefix + unique("").strip().replace("-", "");
        for (int i = 0; i < products; i++) {
            int id = createProduct(tag + " item " + i, i, null);
            createImage(id, "https://e.example.com/" + tag + "/" + i + "/a.png", 10);
            createImage(id, "https://e.example.com/" + tag + "/" + i + "/b.png", 20);
        }
        return tag;
    }

    private int viewReadsFor(String tag, int expectedProducts) {
        SqlStatementCounter.takeViewReads();
        graphQl.documentName("products").variable("first", 100).variable("filter", Map.of("search", tag)).execute()
                .path("products.edges[*].node.images[*].id").entityList(Integer.class).hasSize(2 * expectedProducts);
        return SqlStatementCounter.takeViewReads();
    }
}
