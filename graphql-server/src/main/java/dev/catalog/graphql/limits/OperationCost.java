package dev.catalog.graphql.limits;

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
import java.util.OptionalLong;
import java.util.Set;

/**
 * Measures an operation before it is validated or run: field depth, estimated cost, aliases and directives,
 * with fragments expanded where they are spread.
 *
 * <p>Cost: every field costs 1 each time it is resolved, so a list field's children cost as many times as the
 * list has items. How many items a list has is the API's to say ({@link ListCosts}): a fixed guess, a page's
 * {@code first}, or a size known before the operation runs (measured, and then refused past the largest list
 * size). {@code __schema} and {@code __type} subtrees cost nothing and add no depth: graphql-java's good-faith
 * introspection check bounds them, and GraphiQL's introspection query is deeper than any data query. The
 * document may still be invalid: unknown fields cost 1 and their children are measured without types;
 * fragment cycles are not followed (validation refuses them).
 *
 * <p>The walk visits at most {@code 2 × maxComplexity} selections and then reports {@link Measure#truncated()}:
 * a field costs at least 1, so such an operation is over the complexity limit, and nested fragments that
 * spread each other twice can no longer make the walk itself exponential.
 */
public final class OperationCost {

    /**
     * What the executed operation asks for; over several candidate operations, the largest of each.
     *
     * @param truncated     true when the walk stopped early because the operation is too large to cost
     * @param largestList   the measured list field with the most items , or null
     * @param largestListSize how many items it has
     * @param documentOnly  true when the measure follows from the document alone: the walk read no variable and
     *                      measured no list, so every request with this document and operation name measures the
     *                      same
     */
    public record Measure(int depth, long complexity, int aliases, int directives, boolean truncated,
                          String largestList, long largestListSize, boolean documentOnly) {

        Measure max(Measure other) {
            boolean otherList = other.largestListSize > largestListSize;
            return new Measure(Math.max(depth, other.depth), Math.max(complexity, other.complexity),
                    Math.max(aliases, other.aliases), Math.max(directives, other.directives),
                    truncated || other.truncated, otherList ? other.largestList : largestList,
                    Math.max(largestListSize, other.largestListSize), documentOnly && other.documentOnly);
        }
    }

    private final GraphQLSchema schema;
    private final Map<String, FragmentDefinition> fragments;
    private final Map<String, Object> variables;
    private final Map<String, Value<?>> variableDefaults = new HashMap<>();
    private final ListCosts.Sizer sizes;
    private final long budget;
    private long visited;
    private int depth;
    private int aliases;
    private int directives;
    private String largestList;
    private long largestListSize;
    private boolean readsRequest;

    private OperationCost(GraphQLSchema schema, Document document, Map<String, Object> variables, ListCosts.Sizer sizes,
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
                                  Map<String, Object> variables, ListCosts.Sizer sizes, int maxComplexity) {
        Measure result = new Measure(0, 0, 0, 0, false, null, 0, true);
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
            long complexity = cost(operation.getSelectionSet(), root, 0, new Context(1, ListCosts.NO_PAGE, false),
                    new HashSet<>());
            return new Measure(depth, complexity, aliases, directives, false, largestList, largestListSize,
                    !readsRequest);
        } catch (BudgetExhausted e) {
            return new Measure(depth, Long.MAX_VALUE, aliases, directives, true, largestList, largestListSize, false);
        }
    }

    /**
     * Where a selection set is measured.
     *
     * @param count           how many times its fields are resolved (the items of the enclosing lists)
     * @param pageSize        the page size of the enclosing connection ({@link ListCosts.Sizer#pageSize}), or
     *                        {@link ListCosts#NO_PAGE}
     * @param underMeasuredList inside a measured list
     */
    private record Context(long count, long pageSize, boolean underMeasuredList) {
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
        Context children = isList(type) ? listItems(coordinate, field, context) : connection(coordinate, field, context);
        long childCost = cost(field.getSelectionSet(), container(type == null ? null : GraphQLTypeUtil.unwrapAll(type)),
                fieldDepth, children, fragmentsOnPath);
        return plus(context.count, childCost);
    }

    /** The context of a list's items: how many there are in all, over every time the list is resolved. */
    private Context listItems(String coordinate, Field field, Context context) {
        ListCosts.ListSize size = sizes.size(coordinate, arguments(field), context.pageSize, context.underMeasuredList);
        readsRequest |= size.measured();
        if (size.measured() && size.perParent() > largestListSize) {
            largestList = field.getName();
            largestListSize = size.perParent();
        }
        long items = Math.min(times(context.count, size.perParent()), size.maxTotal());
        return new Context(items, context.pageSize, context.underMeasuredList || size.measured());
    }

    /** The context under a field that is not a list: a page size when it opens a connection. */
    private Context connection(String coordinate, Field field, Context context) {
        OptionalLong pageSize = sizes.pageSize(coordinate, arguments(field));
        return pageSize.isEmpty() ? context : new Context(context.count, pageSize.getAsLong(), context.underMeasuredList);
    }

    /** The field's arguments, read as the sizer asks for them. */
    private ListCosts.Arguments arguments(Field field) {
        return new ListCosts.Arguments() {
            @Override
            public Long integer(String name) {
                return intValue(argument(field, name));
            }

            @Override
            public String string(String name) {
                return stringValue(argument(field, name));
            }

            @Override
            public long listLength(String name) {
                return OperationCost.this.listLength(argument(field, name));
            }
        };
    }

    /** The value the document gives argument {@code name} of {@code field}; {@code null} when it gives none. */
    private static Value<?> argument(Field field, String name) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals(name)) {
                return argument.getValue();
            }
        }
        return null;
    }

    /** The variable's default when the request gives the variable no value, else {@code null}. */
    private Value<?> defaultOf(VariableReference reference) {
        return variables.containsKey(reference.getName()) ? null : variableDefaults.get(reference.getName());
    }

    /** How many items a list argument has, literal or variable; 0 when absent or when it cannot tell. */
    private long listLength(Value<?> value) {
        if (value instanceof VariableReference reference) {
            readsRequest = true;
            if (variables.get(reference.getName()) instanceof Collection<?> list) {
                return list.size();
            }
            value = defaultOf(reference);
        }
        return value instanceof ArrayValue list ? list.getValues().size() : value == null ? 0 : 1;
    }

    /** An integer argument, literal or variable; null when absent or not an integer (validation refuses that). */
    private Long intValue(Value<?> value) {
        if (value instanceof IntValue literal) {
            return literal.getValue().min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                    .max(java.math.BigInteger.valueOf(Long.MIN_VALUE)).longValue();
        }
        if (value instanceof VariableReference reference) {
            readsRequest = true;
            if (variables.get(reference.getName()) instanceof Number n) {
                return n.longValue();
            }
            Value<?> fallback = defaultOf(reference);
            return fallback instanceof IntValue ? intValue(fallback) : null;
        }
        return null;
    }

    /** A String argument, literal or variable; null when absent or not a string (validation refuses that). */
    private String stringValue(Value<?> value) {
        if (value instanceof VariableReference reference) {
            readsRequest = true;
            Value<?> fallback = defaultOf(reference);
            if (fallback == null) {
                return variables.get(reference.getName()) instanceof String text ? text : null;
            }
            value = fallback;
        }
        return value instanceof StringValue text ? text.getValue() : null;
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
