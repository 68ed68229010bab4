package dev.catalog.gateway.limits;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.StringValue;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Measures an operation before it is validated or run: field depth, estimated cost, aliases and directives,
 * with fragments expanded where they are spread.
 *
 * <p>Cost: every field costs 1 each time it is resolved, so a list field's children cost as many times as the
 * list has items: {@code products(first: n)} has {@code n} edges, a product is assumed to have
 * {@value #IMAGES_PER_PRODUCT} images (a product page shows a handful; the schema sets no bound), and the
 * legacy unbounded lists have their real size, read from the views ({@link ListSizes}): every active product
 * for {@code getActiveProductsSortedById}, the products a search finds for {@code searchActiveProductsByName},
 * every visible image for {@code getAllImages}; a federation gateway's {@code _entities} has one item per
 * representation it sends; the images under such a list of products are at most all images.
 * {@code __schema} and {@code __type} subtrees cost nothing and add no depth: graphql-java's good-faith
 * introspection check bounds them, and GraphiQL's introspection query is deeper than any data query. The
 * document may still be invalid: unknown fields cost 1 and their children are measured without types;
 * fragment cycles are not followed (validation refuses them).
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
    /** The projection lists hold one item per projection group: two today, a handful at most. */
    static final int PROJECTION_GROUPS = 10;
    /** Any other list field a future schema adds, until it gets its own size. */
    static final int OTHER_LIST_SIZE = MAX_PAGE_SIZE;

    private static final Map<String, Integer> LIST_SIZES = Map.of(
            "Product.images", IMAGES_PER_PRODUCT,
            "Query.projections", PROJECTION_GROUPS,
            "DeadLetterRetry.projections", PROJECTION_GROUPS);

    /**
     * Administrative lists paged by {@code first}, by coordinate: their largest (and default) {@code first}. They
     * cost {@code first} items, or the largest when it is not given.
     */
    static final Map<String, Integer> PAGED_LISTS = Map.of("Query.events", 1000, "Query.deadLetters", 100);

    /** A federation gateway's entity lookups: as many items as representations sent. */
    static final String ENTITIES = "Query._entities";

    /**
     * The lists whose real size is known before they run: the legacy unbounded lists (read from the views) and
     * {@value #ENTITIES}. Refused past {@code maxListSize}.
     */
    static final Set<String> MEASURED_LISTS = Set.of(
            "Query.getActiveProductsSortedById", "Query.searchActiveProductsByName", "Query.getAllImages", ENTITIES);

    /**
     * What the executed operation asks for; over several candidate operations, the largest of each.
     *
     * @param truncated     true when the walk stopped early because the operation is too large to cost
     * @param largestList   the legacy list field with the most items (e.g. {@code getAllImages}), or null
     * @param largestListSize how many items it has
     */
    public record Measure(int depth, long complexity, int aliases, int directives, boolean truncated,
                          String largestList, long largestListSize) {

        Measure max(Measure other) {
            boolean otherList = other.largestListSize > largestListSize;
            return new Measure(Math.max(depth, other.depth), Math.max(complexity, other.complexity),
                    Math.max(aliases, other.aliases), Math.max(directives, other.directives),
                    truncated || other.truncated, otherList ? other.largestList : largestList,
                    Math.max(largestListSize, other.largestListSize));
        }
    }

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> variableDefaults = new HashMap<>();
    private final ListSizes sizes;
    private final long budget;
    private long visited;
    private int depth;
    private int aliases;
    private int directives;
    private String largestList;
    private long largestListSize;

    private OperationCost(GraphQLSchema schema, Document document, Map<String, Object> variables, ListSizes sizes,
                          long budget) {
        this.schema = schema;
        this.fragments = new HashMap<>();
        for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.putIfAbsent(fragment.getName(), fragment);
        }
        this.variables = variables == null ? Map.of() : variables;
        this.sizes = sizes;
        this.budget = budget;
    }

    /**
     * Measures the operation named {@code operationName}, or every operation of the document when it is
     * null (only one of them can run; validation refuses the ambiguity).
     */
    public static Measure measure(GraphQLSchema schema, Document document, String operationName,
                                  Map<String, Object> variables, ListSizes sizes, int maxComplexity) {
        Measure result = new Measure(0, 0, 0, 0, false, null, 0);
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operationName == null || operationName.equals(operation.getName())) {
                OperationCost walk = new OperationCost(schema, document, variables, sizes, 2L * maxComplexity);
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
            long complexity = cost(operation.getSelectionSet(), root, 0, new Context(1, DEFAULT_PAGE_SIZE, false),
                    new HashSet<>());
            return new Measure(depth, complexity, aliases, directives, false, largestList, largestListSize);
        } catch (BudgetExhausted e) {
            return new Measure(depth, Long.MAX_VALUE, aliases, directives, true, largestList, largestListSize);
        }
    }

    /**
     * Where a selection set is measured.
     *
     * @param count           how many times its fields are resolved (the items of the enclosing lists)
     * @param pageSize        the {@code first} of the enclosing {@code products}
     * @param underMeasuredList inside a measured list, whose products hold at most all images together
     */
    private record Context(long count, int pageSize, boolean underMeasuredList) {
    }

    private long cost(SelectionSet selectionSet, GraphQLFieldsContainer parent, int parentDepth, Context context,
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
                case Field field -> total = plus(total, fieldCost(field, parent, parentDepth, context, fragmentsOnPath));
                case InlineFragment inline -> {
                    directives += inline.getDirectives().size();
                    GraphQLFieldsContainer type = inline.getTypeCondition() == null ? parent
                            : container(schema.getType(inline.getTypeCondition().getName()));
                    total = plus(total, cost(inline.getSelectionSet(), type, parentDepth, context, fragmentsOnPath));
                }
                case FragmentSpread spread -> {
                    directives += spread.getDirectives().size();
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null && fragmentsOnPath.add(fragment.getName())) {
                        directives += fragment.getDirectives().size();
                        GraphQLFieldsContainer type = container(schema.getType(fragment.getTypeCondition().getName()));
                        total = plus(total, cost(fragment.getSelectionSet(), type, parentDepth, context, fragmentsOnPath));
                        fragmentsOnPath.remove(fragment.getName());
                    }
                }
                default -> {
                }
            }
        }
        return total;
    }

    private long fieldCost(Field field, GraphQLFieldsContainer parent, int parentDepth, Context context,
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
        Context children = isList(type) ? listItems(coordinate, field, context)
                : coordinate.equals("Query.products") ? new Context(context.count, pageSize(field), context.underMeasuredList)
                : context;
        long childCost = cost(field.getSelectionSet(), container(type == null ? null : GraphQLTypeUtil.unwrapAll(type)),
                fieldDepth, children, fragmentsOnPath);
        return plus(context.count, childCost);
    }

    /** The context of a list's items: how many there are in all, over every time the list is resolved. */
    private Context listItems(String coordinate, Field field, Context context) {
        if (MEASURED_LISTS.contains(coordinate)) {
            long size = measuredListSize(coordinate, field);
            if (size > largestListSize) {
                largestList = field.getName();
                largestListSize = size;
            }
            return new Context(times(context.count, size), context.pageSize, true);
        }
        long perParent = coordinate.equals("ProductConnection.edges") ? context.pageSize
                : PAGED_LISTS.containsKey(coordinate) ? first(field, PAGED_LISTS.get(coordinate))
                : LIST_SIZES.getOrDefault(coordinate, OTHER_LIST_SIZE);
        long items = times(context.count, perParent);
        if (coordinate.equals("Product.images") && context.underMeasuredList) {
            items = Math.min(items, sizes.images());
        }
        return new Context(items, context.pageSize, context.underMeasuredList);
    }

    private long measuredListSize(String coordinate, Field field) {
        return switch (coordinate) {
            case ENTITIES -> representations(field);
            case "Query.getActiveProductsSortedById" -> sizes.activeProducts();
            case "Query.searchActiveProductsByName" -> {
                String search = stringArgument(field, "search");
                yield search == null ? sizes.activeProducts() : sizes.activeProductsMatching(search);
            }
            default -> sizes.images();
        };
    }

    /** {@code first} of a paged administrative list, clamped to 1..{@code max}; {@code max} when not given. */
    private long first(Field field, int max) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("first")) {
                Long first = intValue(argument.getValue());
                return first == null ? max : Math.clamp(first, 1, max);
            }
        }
        return max;
    }

    /** How many representations {@code _entities} is sent, literal or variable; 0 when it cannot tell. */
    private long representations(Field field) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("representations")) {
                Value<?> value = argument.getValue();
                if (value instanceof VariableReference reference) {
                    if (variables.get(reference.getName()) instanceof Collection<?> list) {
                        return list.size();
                    }
                    value = variables.containsKey(reference.getName()) ? null : variableDefaults.get(reference.getName());
                }
                return value instanceof ArrayValue list ? list.getValues().size() : value == null ? 0 : 1;
            }
        }
        return 0;
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

    /** A String argument, literal or variable; null when absent or not a string (validation refuses that). */
    private String stringArgument(Field field, String name) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals(name)) {
                Value<?> value = argument.getValue();
                if (value instanceof VariableReference reference) {
                    value = variables.containsKey(reference.getName()) ? null : variableDefaults.get(reference.getName());
                    if (value == null) {
                        return variables.get(reference.getName()) instanceof String text ? text : null;
                    }
                }
                return value instanceof StringValue text ? text.getValue() : null;
            }
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
