package dev.catalog.graphql.error;

/** The {@code extensions.code} of each refusal by a limit ({@code dev.catalog.graphql.limits}, the body size filter, the timeout). */
public enum LimitCode {
    /** The operation nests fields deeper than {@code catalog.graphql.max-depth}. */
    GRAPHQL_DEPTH_LIMIT_EXCEEDED,
    /** The operation's estimated cost is above {@code catalog.graphql.max-complexity}. */
    GRAPHQL_COMPLEXITY_LIMIT_EXCEEDED,
    /**
     * A measured list would return more items than {@code catalog.graphql.max-list-size}; paginated
     * lists serve them a page at a time.
     */
    LIST_TOO_LARGE,
    /** The operation uses more aliases than {@code catalog.graphql.max-aliases}. */
    GRAPHQL_ALIAS_LIMIT_EXCEEDED,
    /** The operation uses more directives than {@code catalog.graphql.max-directives}. */
    GRAPHQL_DIRECTIVE_LIMIT_EXCEEDED,
    /** The document has more tokens than {@code catalog.graphql.max-tokens}; parsing was cancelled. */
    GRAPHQL_TOKEN_LIMIT_EXCEEDED,
    /** The document has more characters than {@code catalog.graphql.max-characters}. */
    GRAPHQL_DOCUMENT_TOO_LARGE,
    /** The execution ran longer than {@code catalog.graphql.timeout} and was cancelled. */
    GRAPHQL_TIMEOUT,
    /** The HTTP body is larger than {@code catalog.http.max-body-bytes} (HTTP 413). */
    PAYLOAD_TOO_LARGE,
    /** The HTTP body is a JSON array: batched operations are not offered (HTTP 400). */
    BATCHING_NOT_SUPPORTED
}
