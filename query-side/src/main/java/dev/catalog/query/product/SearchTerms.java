package dev.catalog.query.product;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns what a user typed into a safe PostgreSQL {@code tsquery} for prefix search.
 *
 * <p>Only runs of letters and digits survive: every operator and quote character of the tsquery
 * syntax ({@code & | ! ( ) : * ' \ <->}) is dropped, so no input can cause a syntax error. Each word
 * becomes a prefix term ({@code lap:*}) and all must match ({@code &}). Words are cut to
 * {@value #MAX_WORD_LENGTH} characters and only the first {@value #MAX_WORDS} words count, which
 * bounds the cost of a query.
 */
final class SearchTerms {

    static final int MAX_WORDS = 16;
    static final int MAX_WORD_LENGTH = 64;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private SearchTerms() {
    }

    /**
     * The tsquery text for {@code search}, to be passed to {@code to_tsquery('simple', ?)};
     * empty when it holds no word at all (blank, or only punctuation).
     */
    static Optional<String> prefixQuery(String search) {
        if (search == null) {
            return Optional.empty();
        }
        Matcher words = WORD.matcher(search);
        String query = words.results()
                .limit(MAX_WORDS)
                .map(match -> truncate(match.group().toLowerCase(Locale.ROOT)) + ":*")
                .collect(Collectors.joining(" & "));
        return query.isEmpty() ? Optional.empty() : Optional.of(query);
    }

    private static String truncate(String word) {
        // By code points, so a surrogate pair is never cut in half.
        return word.codePointCount(0, word.length()) <= MAX_WORD_LENGTH
                ? word
                : word.substring(0, word.offsetByCodePoints(0, MAX_WORD_LENGTH));
    }
}
