package dev.catalog.query.product;

import static dev.catalog.events.product.ProductStatus.ACTIVE;
import static dev.catalog.events.product.ProductStatus.INACTIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.catalog.query.Await;
import dev.catalog.query.Events;
import dev.catalog.query.ViewRows;
import dev.catalog.query.QuerySideTestApplication;
import dev.catalog.query.image.ImageQueries;
import dev.catalog.query.image.ImageView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ProductQueriesTest {

    @Autowired
    Events events;
    @Autowired
    ViewRows views;
    @Autowired
    ProductQueries products;
    @Autowired
    ImageQueries images;

    /** A word no other test uses, so searches see only this test's products. */
    private static String uniqueWord() {
        return "w" + Long.toString(System.nanoTime(), 36);
    }

    private long product(String name, String price, dev.catalog.events.product.ProductStatus status) {
        long id = events.createProduct(name, price, status);
        Await.until(name + " is projected", () -> views.productVersion(id).isPresent());
        return id;
    }

    private long image(long productId, String url, int priority) {
        long id = events.createImage(productId, url, priority);
        Await.until(url + " is projected", () -> views.imageVersion(id).isPresent());
        return id;
    }

    @Test
    void a_product_with_images_lists_them_by_priority_descending_then_id() {
        long id = product("Camera " + uniqueWord(), "499.00", ACTIVE);
        long low = image(id, "https://img/low.png", 10);
        long highFirst = image(id, "https://img/high-1.png", 90);
        long highSecond = image(id, "https://img/high-2.png", 90);
        long middle = image(id, "https://img/middle.png", 50);

        ProductView view = products.findById(id, true).orElseThrow();

        assertThat(view.images()).extracting(ImageView::id).containsExactly(highFirst, highSecond, middle, low);
        assertThat(view.images().getFirst().url()).isEqualTo("https://img/high-1.png");
        assertThat(view.images().getFirst().productId()).isEqualTo(id);
        assertThat(view.images().getFirst().version()).isEqualTo(1);
        assertThat(view.images().getFirst().createdAt()).isNotNull();
    }

    @Test
    void a_product_without_images_has_an_empty_list_when_asked_and_null_when_not() {
        long id = product("Bare " + uniqueWord(), "1.00", ACTIVE);

        assertThat(products.findById(id, true).orElseThrow().images()).isEmpty();
        assertThat(products.findById(id, false).orElseThrow().images()).isNull();
    }

    @Test
    void an_unknown_product_is_not_found() {
        assertThat(products.findById(Long.MAX_VALUE, true)).isEmpty();
        assertThat(views.productVersion(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void find_by_ids_returns_the_known_products_by_id_each_with_its_own_images() {
        long first = product("First " + uniqueWord(), "1.00", ACTIVE);
        long second = product("Second " + uniqueWord(), "2.00", INACTIVE);
        long firstImage = image(first, "https://img/first.png", 1);
        long secondImage = image(second, "https://img/second.png", 1);

        List<ProductView> found = products.findByIds(List.of(second, Long.MAX_VALUE, first, second), true);

        assertThat(found).extracting(ProductView::id).containsExactly(first, second);
        assertThat(found.get(0).images()).extracting(ImageView::id).containsExactly(firstImage);
        assertThat(found.get(1).images()).extracting(ImageView::id).containsExactly(secondImage);
        assertThat(products.findByIds(List.of(), true)).isEmpty();
    }

    @Test
    void active_products_are_sorted_by_id_and_leave_out_inactive_ones() {
        long a = product("Active A " + uniqueWord(), "1.00", ACTIVE);
        long inactive = product("Inactive " + uniqueWord(), "1.00", INACTIVE);
        long b = product("Active B " + uniqueWord(), "1.00", ACTIVE);
        image(b, "https://img/b.png", 5);

        List<ProductView> active = products.findActiveSortedById(true, Integer.MAX_VALUE);

        assertThat(active).extracting(ProductView::status).containsOnly(ACTIVE);
        assertThat(active).extracting(ProductView::id).isSorted().contains(a, b).doesNotContain(inactive);
        assertThat(active).filteredOn(p -> p.id() == b).singleElement()
                .satisfies(p -> assertThat(p.images()).extracting(ImageView::url).containsExactly("https://img/b.png"));
    }

    @Test
    void a_limit_keeps_the_first_active_products_and_the_count_tells_how_many_there_are_in_all() {
        product("Counted " + uniqueWord(), "1.00", ACTIVE);
        product("Counted " + uniqueWord(), "1.00", INACTIVE);

        List<ProductView> all = products.findActiveSortedById(false, Integer.MAX_VALUE);
        List<ProductView> firstTwo = products.findActiveSortedById(false, 2);

        assertThat(products.countLists().activeProducts()).isEqualTo(all.size());
        assertThat(firstTwo).extracting(ProductView::id).containsExactlyElementsOf(
                all.subList(0, 2).stream().map(ProductView::id).toList());
    }

    @Test
    void a_search_counts_what_it_finds_and_keeps_the_best_matches_within_its_limit() {
        String word = uniqueWord();
        long exact = product(word + " Lamp", "1.00", ACTIVE);
        product(word + " Lamp Shade Cover", "1.00", ACTIVE);
        product(word + " Lamp Retired", "1.00", INACTIVE);

        assertThat(products.countActiveMatching(word + " lamp")).isEqualTo(2);
        assertThat(products.countActiveMatching("!!!")).isZero();
        assertThat(products.searchActiveByName(word + " lamp", false, 1)).extracting(ProductView::id)
                .containsExactly(exact);
    }

    @Test
    void search_matches_word_prefixes_case_insensitively_among_active_products_only() {
        String word = uniqueWord();
        long laptop = product("Laptop " + word + " Pro", "999.00", ACTIVE);
        long lapdesk = product("LAPDESK " + word, "49.00", ACTIVE);
        product("Laptop " + word + " Retired", "10.00", INACTIVE);
        product("Tablet " + word, "10.00", ACTIVE);

        assertThat(products.searchActiveByName("lap " + word, false, Integer.MAX_VALUE))
                .extracting(ProductView::id).containsExactly(laptop, lapdesk);
        assertThat(products.searchActiveByName(word.toUpperCase().substring(0, 4) + " LAPT", false, Integer.MAX_VALUE))
                .extracting(ProductView::id).contains(laptop).doesNotContain(lapdesk);
        assertThat(products.searchActiveByName("pr " + word, true, Integer.MAX_VALUE))
                .singleElement().satisfies(p -> {
                    assertThat(p.id()).isEqualTo(laptop);
                    assertThat(p.images()).isEmpty();
                });
    }

    @Test
    void search_ranks_better_matches_first_then_by_id() {
        String word = uniqueWord();
        long weak = product("Gadget " + word, "1.00", ACTIVE);
        long strong = product("Gadget " + word + " " + word + " " + word, "1.00", ACTIVE);
        long weakToo = product("Widget " + word, "1.00", ACTIVE);

        assertThat(products.searchActiveByName(word, false, Integer.MAX_VALUE))
                .extracting(ProductView::id).containsExactly(strong, weak, weakToo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a & b | !(", "'", "\"", "''' \\", ":*", "<->", "!!!", "(", "a:* & | b", "x <-> y",
                            "\u0000", "\uD83D\uDE00 emoji", "ü ß é", "%_%"})
    void search_never_fails_on_tsquery_syntax_in_user_input(String input) {
        assertThatCode(() -> products.searchActiveByName(input, true, Integer.MAX_VALUE)).doesNotThrowAnyException();
        assertThatCode(() -> products.findPage(new ProductFilter(null, input, null, null), null, 10, true))
                .doesNotThrowAnyException();
    }

    @Test
    void search_finds_words_around_operators_and_quotes() {
        String word = uniqueWord();
        long id = product("O'Brien " + word + " & Sons", "1.00", ACTIVE);

        assertThat(products.searchActiveByName("o'bri & " + word + " | !(", false, Integer.MAX_VALUE))
                .extracting(ProductView::id).containsExactly(id);
        assertThat(products.searchActiveByName("\"" + word + "\"", false, Integer.MAX_VALUE))
                .extracting(ProductView::id).containsExactly(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "&|!()", "''"})
    void a_search_without_words_finds_nothing(String input) {
        assertThat(products.searchActiveByName(input, false, Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void pages_walk_all_matches_by_ascending_id_without_gaps_or_repeats() {
        String word = uniqueWord();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(product("Paged " + word + " " + i, "1.00", i % 2 == 0 ? ACTIVE : INACTIVE));
        }
        ProductFilter filter = new ProductFilter(null, word, null, null);

        List<Long> walked = new ArrayList<>();
        Long after = null;
        int pages = 0;
        while (true) {
            List<ProductView> page = products.findPage(filter, after, 3 + 1, false);
            pages++;
            boolean hasNext = page.size() > 3;
            List<ProductView> shown = page.subList(0, Math.min(3, page.size()));
            shown.forEach(p -> walked.add(p.id()));
            if (!hasNext) {
                break;
            }
            after = shown.getLast().id();
        }

        assertThat(walked).containsExactlyElementsOf(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void a_page_applies_status_and_price_bounds_inclusively() {
        String word = uniqueWord();
        long cheap = product("Ranged " + word + " cheap", "9.99", ACTIVE);
        long low = product("Ranged " + word + " low", "10.00", ACTIVE);
        long high = product("Ranged " + word + " high", "20.00", ACTIVE);
        product("Ranged " + word + " dear", "20.01", ACTIVE);
        long inactive = product("Ranged " + word + " off", "15.00", INACTIVE);
        long withImage = high;
        image(withImage, "https://img/high.png", 1);

        ProductFilter active = new ProductFilter(ACTIVE, word, new BigDecimal("10"), new BigDecimal("20.00"));
        assertThat(products.findPage(active, null, 10, true))
                .extracting(ProductView::id).containsExactly(low, high);
        assertThat(products.findPage(active, low, 10, true))
                .singleElement().satisfies(p -> assertThat(p.images()).hasSize(1));
        assertThat(products.findPage(new ProductFilter(INACTIVE, word, null, null), null, 10, false))
                .extracting(ProductView::id).containsExactly(inactive);
        assertThat(products.findPage(new ProductFilter(null, word, null, new BigDecimal("9.99")), null, 10, false))
                .extracting(ProductView::id).containsExactly(cheap);
        assertThat(products.findPage(new ProductFilter(null, word, null, null), null, 0, false)).isEmpty();
    }

    @Test
    void a_page_without_a_filter_starts_at_the_lowest_id() {
        List<ProductView> page = products.findPage(null, null, 2, false);
        assertThat(page).hasSizeLessThanOrEqualTo(2).extracting(ProductView::id).isSorted();
    }
}
