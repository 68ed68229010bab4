package dev.catalog.query.product;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {

    @Test
    void every_word_becomes_a_lower_case_prefix_term_and_all_must_match() {
        assertThat(SearchTerms.prefixQuery("Lap PRO")).contains("lap:* & pro:*");
    }

    @Test
    void tsquery_operators_and_quotes_are_dropped() {
        assertThat(SearchTerms.prefixQuery("a & b | !( 'c' \"d\" e:* f<->g \\h")).contains(
                "a:* & b:* & c:* & d:* & e:* & f:* & g:* & h:*");
    }

    @Test
    void input_without_words_gives_no_query() {
        assertThat(SearchTerms.prefixQuery(null)).isEmpty();
        assertThat(SearchTerms.prefixQuery("  ")).isEmpty();
        assertThat(SearchTerms.prefixQuery("&|!():*'")).isEmpty();
    }

    @Test
    void letters_of_any_script_and_digits_are_words() {
        assertThat(SearchTerms.prefixQuery("Ünïcødé café 4k")).contains("ünïcødé:* & café:* & 4k:*");
    }

    @Test
    void long_inputs_are_bounded_in_words_and_word_length() {
        String query = SearchTerms.prefixQuery("x".repeat(1000) + " w".repeat(100)).orElseThrow();
        assertThat(query.split(" & ")).hasSize(SearchTerms.MAX_WORDS);
        assertThat(query.split(" & ")[0]).hasSize(SearchTerms.MAX_WORD_LENGTH + 2);
    }
}
