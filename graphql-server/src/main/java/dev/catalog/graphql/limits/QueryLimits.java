package dev.catalog.graphql.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GraphQL limits, bound from {@code catalog.graphql.*} (so {@code CATALOG_GRAPHQL_MAX_DEPTH} sets
 * {@code maxDepth}). The README's "Query limits" table explains each default.
 *
 * @param maxDepth         deepest field nesting; {@code __schema}/{@code __type} subtrees are not counted
 * @param maxComplexity    highest estimated cost, see {@link OperationCost}
 * @param maxListSize      most items a measured list ({@link ListCosts.ListSize#measured}) returns; past it the
 *                         list is refused and the client pointed to a paginated one
 * @param maxAliases       most aliased fields in the executed operation (fragments expanded)
 * @param maxDirectives    most directives in the executed operation (fragments expanded)
 * @param maxTokens        most grammar tokens the parser reads before it gives up
 * @param maxCharacters    longest document, in characters
 * @param timeout          longest execution; past it the work is cancelled and GRAPHQL_TIMEOUT answered
 * @param adminTimeout     longest execution of an administrative operation
 *                         ({@code dev.catalog.graphql.execution.AdministrativeFields} only) sent by an administrator:
 *                         an import, a verification of a large store
 *                         may rightly run for minutes
 * @param introspection    whether {@code __schema}/{@code __type} (and GraphiQL) are served
 */
@ConfigurationProperties("catalog.graphql")
public record QueryLimits(
        @DefaultValue("10") int maxDepth,
        @DefaultValue("40000") int maxComplexity,
        @DefaultValue("5000") int maxListSize,
        @DefaultValue("30") int maxAliases,
        @DefaultValue("50") int maxDirectives,
        @DefaultValue("5000") int maxTokens,
        @DefaultValue("16384") int maxCharacters,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("30m") Duration adminTimeout,
        @DefaultValue("true") boolean introspection) {

    /**
     * The parser's own nesting limit (grammar rules entered, not fields): a field level costs about three
     * rules, so 200 is far above {@link #maxDepth} yet stops a nesting bomb before it builds a deep tree.
     */
    static final int MAX_RULE_DEPTH = 200;
}
