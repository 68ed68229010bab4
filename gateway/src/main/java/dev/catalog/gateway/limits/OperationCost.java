package dev.catalog.gateway.limits;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Measures an operation before it is validated or run: field depth, estimated cost, aliases and directives,
 * with fragments expanded where they are spread.
 *
 * <p>Cost: every field costs 1; a list field costs 1 plus its children's cost times the number of items it
 * is assumed to return ({@link #assumedListSize}). {@code __schema} and {@code __type} subtrees cost nothing
 * and add no depth: graphql-java's good-faith introspection check bounds them, and GraphiQL's introspection
 * query is deeper than any data query. The document may still be invalid: unknown fields cost 1 and their
 * children are measured without types; fragment cycles are not followed (validation refuses them).
 *
 * <p>The walk visits at most {@code 2 × maxComplexity} selections and then reports {@link Measure#truncated()}:
 * a field costs at least 1, so such an operation is over the complexity limit, and nested fragments that
 * spread each other twice can no longer make the walk itself exponential.
 */
public final class OperationCost {

    /** Page size of {@code products} when {@code first} is not given (the schema's default). */
    static final int DEFAULT_PAGE_SIZE = 20;
    /** Largest page {@code products} serves; larger {@code first} is refused by the resolver itself. */
    static final int MAX_PAGE_SIZE = 100;
    /** Expected images per product: a product page shows a handful; the schema sets no bound. */
    static final int IMAGES_PER_PRODUCT = 10;
    /** The unbounded legacy product lists are costed as one full page of products. */
    static final int LEGACY_PRODUCT_LIST_SIZE = MAX_PAGE_SIZE;
    /** {@code getAllImages} is costed as the images of one full page of products. */
    static final int ALL_IMAGES_SIZE = MAX_PAGE_SIZE * IMAGES_PER_PRODUCT;
    /** The projection lists hold one item per projection group: two today, a handful at most. */
    static final int PROJECTION_GROUPS = 10;
    /** Any other list field a future schema adds, until it gets its own size. */
    static final int OTHER_LIST_SIZE = MAX_PAGE_SIZE;

    private static final Map<String, Integer> LIST_SIZES = Map.of(
            "Product.images", IMAGES_PER_PRODUCT,
            "Query.getActiveProductsSortedById", LEGACY_PRODUCT_LIST_SIZE,
            "Query.searchActiveProductsByName", LEGACY_PRODUCT_LIST_SIZE,
            "Query.getAllImages", ALL_IMAGES_SIZE,
            "Query.projections", PROJECTION_GROUPS,
            "DeadLetterRetry.projections", PROJECTION_GROUPS);

    /**
     * What the executed operation asks for; over several candidate operations, the largest of each.
     *
     * @param truncated true when the walk stopped early because the operation is too large to cost
     */
    public record Measure(int depth, long complexity, int aliases, int directives, boolean truncated) {

        Measure max(Measure other) {
            return new Measure(Math.max(depth, other.depth), Math.max(complexity, other.complexity),
                    Math.max(aliases, other.aliases), Math.max(directives, other.directives),
                    truncated || other.truncated);
        }
    }

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> variableDefaults = new HashMap<>();
    private final long budget;
    private long visited;
    private int depth;
    private int aliases;
    private int directives;

    private OperationCost(GraphQLSchema schema, Document document, Map<String, Object> variables, long budget) {
        this.schema = schema;
        this.fragments = new HashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.putIfAbsent(fragment.getName(), fragment);
        }
        this.variables = variables == null ? Map.of() : variables;
        this.budget = budget;
    }

    /**
     * Measures the operation named {@code operationName}, or every operation of the document when it is
     * null (only one of them can run; validation refuses the ambiguity).
     */
    public static Measure measure(GraphQLSchema schema, Document document, String operationName,
                                  Map<String, Object> variables, int maxComplexity) {
        Measure result = new Measure(0, 0, 0, 0, false);
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operationName == null || operationName.equals(operation.getName())) {
                OperationCost walk = new OperationCost(schema, document, variables, 2L * maxComplexity);
                result = result.max(walk.measure(operation));
            }
        }
        return result;
    }

    private Measure measure(OperationDefinition operation) {
        directives += operation.getDirectives().size();
        for (VariableDefinition variable : operation.getVariableDefinitions()) {
            directives += variable.getDirectives().size();
            if (variable.getDefaultValue() != null) {
                variableDefaults.put(variable.getName(), variable.getDefaultValue());
            }
        }
        GraphQLFieldsContainer root = switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
        };
        try {
            long complexity = cost(operation.getSelectionSet(), root, 0, DEFAULT_PAGE_SIZE, new HashSet<>());
            return new Measure(depth, complexity, aliases, directives, false);
        } catch (BudgetExhausted e) {
            return new Measure(depth, Long.MAX_VALUE, aliases, directives, true);
        }
    }

    private long cost(SelectionSet selectionSet, GraphQLFieldsContainer parent, int parentDepth, int pageSize,
                      Set<String> fragmentsOnPath) {
        if (selectionSet == null) {
            return 0;
        }
        long total = 0;
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (++visited > budget) {
                throw new BudgetExhausted();
            }
            switch (selection) {
                case Field field -> total = plus(total, fieldCost(field, parent, parentDepth, pageSize, fragmentsOnPath));
                case InlineFragment inline -> {
                    directives += inline.getDirectives().size();
                    GraphQLFieldsContainer type = inline.getTypeCondition() == null ? parent
                            : container(schema.getType(inline.getTypeCondition().getName()));
                    total = plus(total, cost(inline.getSelectionSet(), type, parentDepth, pageSize, fragmentsOnPath));
                }
                case FragmentSpread spread -> {
                    directives += spread.getDirectives().size();
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null && fragmentsOnPath.add(fragment.getName())) {
                        directives += fragment.getDirectives().size();
                        GraphQLFieldsContainer type = container(schema.getType(fragment.getTypeCondition().getName()));
                        total = plus(total, cost(fragment.getSelectionSet(), type, parentDepth, pageSize, fragmentsOnPath));
                        fragmentsOnPath.remove(fragment.getName());
                    }
                }
                default -> {
                }
            }
        }
        return total;
    }

    private long fieldCost(Field field, GraphQLFieldsContainer parent, int parentDepth, int pageSize,
                           Set<String> fragmentsOnPath) {
        if (field.getAlias() != null) {
            aliases++;
        }
        directives += field.getDirectives().size();
        if (field.getName().equals("__schema") || field.getName().equals("__type")) {
            return 0;
        }
        int fieldDepth = parentDepth + 1;
        depth = Math.max(depth, fieldDepth);
        GraphQLFieldDefinition definition = parent == null ? null : parent.getFieldDefinition(field.getName());
        GraphQLType type = definition == null ? null : definition.getType();
        String coordinate = (parent == null ? "?" : parent.getName()) + "." + field.getName();
        int childPageSize = coordinate.equals("Query.products") ? pageSize(field) : pageSize;
        long children = cost(field.getSelectionSet(), container(type == null ? null : GraphQLTypeUtil.unwrapAll(type)),
                fieldDepth, childPageSize, fragmentsOnPath);
        long items = isList(type) ? assumedListSize(coordinate, pageSize) : 1;
        return plus(1, times(items, children));
    }

    /**
     * Items a list field is assumed to return: {@code ProductConnection.edges} as many as the enclosing
     * {@code products(first:)} asks; the others as {@link #LIST_SIZES} says.
     */
    static long assumedListSize(String coordinate, int pageSize) {
        if (coordinate.equals("ProductConnection.edges")) {
            return pageSize;
        }
        return LIST_SIZES.getOrDefault(coordinate, OTHER_LIST_SIZE);
    }

    /**
     * {@code first} of a {@code products} field, literal or variable, clamped to 1..{@value #MAX_PAGE_SIZE}:
     * a value outside is refused by the resolver with BAD_USER_INPUT before it reads anything.
     */
    private int pageSize(Field field) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("first")) {
                Long first = intValue(argument.getValue());
                return first == null ? DEFAULT_PAGE_SIZE : (int) Math.clamp(first, 1, MAX_PAGE_SIZE);
            }
        }
        return DEFAULT_PAGE_SIZE;
    }

    private Long intValue(Value<?> value) {
        if (value instanceof IntValue literal) {
            return literal.getValue().min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                    .max(java.math.BigInteger.valueOf(Long.MIN_VALUE)).longValue();
        }
        if (value instanceof VariableReference reference) {
            if (variables.get(reference.getName()) instanceof Number n) {
                return n.longValue();
            }
            Value<?> fallback = variables.containsKey(reference.getName()) ? null : variableDefaults.get(reference.getName());
            return fallback instanceof IntValue ? intValue(fallback) : null;
        }
        return null;
    }

    private static boolean isList(GraphQLType type) {
        GraphQLType unwrapped = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        return unwrapped instanceof GraphQLList;
    }

    private static GraphQLFieldsContainer container(GraphQLType type) {
        return type instanceof GraphQLFieldsContainer container ? container : null;
    }

    private static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long times(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** Thrown (without a stack trace) when the walk has visited its budget of selections. */
    private static final class BudgetExhausted extends RuntimeException {
        BudgetExhausted() {
            super(null, null, false, false);
        }
    }

}
