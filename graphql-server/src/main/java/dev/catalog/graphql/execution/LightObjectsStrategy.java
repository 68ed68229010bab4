package dev.catalog.graphql.execution;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherResult;
import graphql.execution.DataLoaderDispatchStrategy;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.MergedField;
import graphql.execution.ResultNodesInfo;
import graphql.introspection.Introspection;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import graphql.schema.LightDataFetcher;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * graphql-java's execution, but an object whose selected fields all have {@link LightDataFetcher}s (a record's
 * components, say) is completed in one pass, by a plan made once per field of the document and object type.
 *
 * <p>Why: graphql-java completes every field of every object the same general way (its step info, parameters,
 * field collection, fetcher lookup, instrumentation contexts and futures), which on a page of 20 products with their
 * images was a fifth of the service's CPU, for fields that only read a record's component. A plan reads them
 * directly and builds the same answer.
 *
 * <p>What is planned, and what is left to graphql-java: a plan covers a selection of fields with no arguments and no
 * directives, fragments included when their type condition applies, whose fetchers are light and whose types are
 * scalars, enums, lists and object types planned the same way, {@code __typename} too. Anything else (an argument, a
 * directive, a field selected twice under one name, an interface or union below the object, a fetcher that is not
 * light) leaves the object to graphql-java. So does anything unusual while a plan runs: a null where the schema says
 * non-null, a value a scalar refuses, a fetcher that throws or answers with a {@link DataFetcherResult} or a future.
 * graphql-java then completes the object again from the start and reports such a problem the way it always does; a
 * light fetcher may thus be called twice for one object, which is why light fetchers must have no side effect. Whole
 * executions are left to graphql-java when they use data loaders, {@code @defer}, or a result-node limit.
 *
 * <p>The fields a plan completes do not go through the instrumentation's field callbacks; this service's
 * instrumentations ({@link dev.catalog.graphql.limits.QueryLimitsInstrumentation}) have none.
 */
final class LightObjectsStrategy extends AsyncExecutionStrategy {

    /** Thrown while planning or running a plan: the object goes to graphql-java. Without a stack: it is no error. */
    private static final class Unplanned extends Exception {
        private static final Unplanned INSTANCE = new Unplanned();

        private Unplanned() {
            super(null, null, false, false);
        }
    }

    /** No plan for this field and type; cached too, so that it is not tried again. */
    static final ObjectPlan NONE = new ObjectPlan(List.of(), new FieldPlan[0]);

    // Keyed by the document's field node: the same for every request of a cached document, and gone with it.
    private final Cache<Field, Map<GraphQLObjectType, ObjectPlan>> plans = Caffeine.newBuilder().weakKeys().build();

    LightObjectsStrategy(DataFetcherExceptionHandler exceptionHandler) {
        super(exceptionHandler);
    }

    /** The exception handler graphql-java's {@code strategy} was built with (Spring's resolvers), to keep it. */
    static DataFetcherExceptionHandler exceptionHandlerOf(ExecutionStrategy strategy) {
        try {
            java.lang.reflect.Field handler = ExecutionStrategy.class.getDeclaredField("dataFetcherExceptionHandler");
            handler.setAccessible(true);
            return (DataFetcherExceptionHandler) handler.get(strategy);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the exception handler of graphql-java's "
                    + strategy.getClass().getName() + " (has graphql-java changed?)", e);
        }
    }

    @Override
    protected Object completeValueForObject(ExecutionContext context, ExecutionStrategyParameters parameters,
                                            GraphQLObjectType type, Object source) {
        MergedField field = parameters.getField();
        if (field.getFieldsCount() == 1 && plannable(context)) {
            ObjectPlan plan = plans.get(field.getSingleField(), key -> new ConcurrentHashMap<>())
                    .computeIfAbsent(type, objectType -> plan(field.getSingleField().getSelectionSet(), objectType,
                            context.getGraphQLSchema(), context.getFragmentsByName()));
            if (plan != NONE) {
                try {
                    return plan.complete(source, context);
                } catch (Unplanned e) {
                    // graphql-java completes it, and reports what went wrong
                }
            }
        }
        return super.completeValueForObject(context, parameters, type, source);
    }

    private static boolean plannable(ExecutionContext context) {
        return context.getDataLoaderDispatcherStrategy() == DataLoaderDispatchStrategy.NO_OP
                && !context.hasIncrementalSupport()
                && context.getGraphQLContext().get(ResultNodesInfo.MAX_RESULT_NODES) == null;
    }

    // --- planning ---------------------------------------------------------------------------------------------

    static ObjectPlan plan(SelectionSet selections, GraphQLObjectType type, GraphQLSchema schema,
                           Map<String, FragmentDefinition> fragments) {
        try {
            Map<String, Field> byKey = new LinkedHashMap<>();
            collect(selections, type, schema, fragments, byKey);
            List<String> keys = new ArrayList<>(byKey.keySet());
            FieldPlan[] fields = new FieldPlan[keys.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fieldPlan(byKey.get(keys.get(i)), type, schema, fragments);
            }
            return new ObjectPlan(List.copyOf(keys), fields);
        } catch (Unplanned e) {
            return NONE;
        }
    }

    private static void collect(SelectionSet selections, GraphQLObjectType type, GraphQLSchema schema,
                                Map<String, FragmentDefinition> fragments, Map<String, Field> byKey) throws Unplanned {
        if (selections == null) {
            throw Unplanned.INSTANCE;
        }
        for (Selection<?> selection : selections.getSelections()) {
            switch (selection) {
                case Field field -> {
                    if (!field.getDirectives().isEmpty()
                            || byKey.putIfAbsent(field.getResultKey(), field) != null) {
                        throw Unplanned.INSTANCE;
                    }
                }
                case InlineFragment fragment -> {
                    if (!fragment.getDirectives().isEmpty()) {
                        throw Unplanned.INSTANCE;
                    }
                    if (fragment.getTypeCondition() == null
                            || applies(fragment.getTypeCondition().getName(), type, schema)) {
                        collect(fragment.getSelectionSet(), type, schema, fragments, byKey);
                    }
                }
                case FragmentSpread spread -> {
                    FragmentDefinition definition = fragments.get(spread.getName());
                    if (!spread.getDirectives().isEmpty() || definition == null
                            || !definition.getDirectives().isEmpty()) {
                        throw Unplanned.INSTANCE;
                    }
                    if (applies(definition.getTypeCondition().getName(), type, schema)) {
                        collect(definition.getSelectionSet(), type, schema, fragments, byKey);
                    }
                }
                default -> throw Unplanned.INSTANCE;
            }
        }
    }

    private static boolean applies(String condition, GraphQLObjectType type, GraphQLSchema schema) {
        if (condition.equals(type.getName())) {
            return true;
        }
        return schema.getType(condition) instanceof GraphQLNamedType named
                && (named instanceof GraphQLInterfaceType || named instanceof GraphQLUnionType)
                && schema.isPossibleType(named, type);
    }

    private static FieldPlan fieldPlan(Field field, GraphQLObjectType type, GraphQLSchema schema,
                                       Map<String, FragmentDefinition> fragments) throws Unplanned {
        if (field.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
            return new Typename(type.getName());
        }
        GraphQLFieldDefinition definition = type.getFieldDefinition(field.getName());
        if (definition == null || !field.getArguments().isEmpty()) {
            throw Unplanned.INSTANCE;
        }
        DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(type, definition);
        if (!(fetcher instanceof LightDataFetcher<?> light)) {
            throw Unplanned.INSTANCE;
        }
        // A light fetcher that asks for its environment gets one with no arguments, which is what this field was
        // given, unless an argument has a default value.
        boolean environment = definition.getArguments().stream().noneMatch(GraphQLArgument::hasSetDefaultValue);
        return new Fetched(definition, type, light, valuePlan(definition.getType(), field, schema, fragments), environment);
    }

    private static ValuePlan valuePlan(GraphQLOutputType type, Field field, GraphQLSchema schema,
                                       Map<String, FragmentDefinition> fragments) throws Unplanned {
        boolean nonNull = type instanceof GraphQLNonNull;
        GraphQLType unwrapped = nonNull ? ((GraphQLNonNull) type).getWrappedType() : type;
        return switch (unwrapped) {
            case GraphQLScalarType scalar -> new ScalarValue(nonNull, scalar);
            case GraphQLEnumType enumType -> new EnumValue(nonNull, enumType);
            case GraphQLList list -> new ListValue(nonNull,
                    valuePlan((GraphQLOutputType) list.getWrappedType(), field, schema, fragments));
            case GraphQLObjectType object -> {
                ObjectPlan plan = plan(field.getSelectionSet(), object, schema, fragments);
                if (plan == NONE) {
                    throw Unplanned.INSTANCE;
                }
                yield new ObjectValue(nonNull, plan);
            }
            default -> throw Unplanned.INSTANCE;
        };
    }

    // --- plans ------------------------------------------------------------------------------------------------

    /** An object's fields, in the order of their response keys. */
    record ObjectPlan(List<String> keys, FieldPlan[] fields) {
        Map<String, Object> complete(Object source, ExecutionContext context) throws Unplanned {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = fields[i].complete(source, context);
            }
            return context.getResponseMapFactory().createInsertionOrdered(keys, Arrays.asList(values));
        }
    }

    private sealed interface FieldPlan permits Typename, Fetched {
        Object complete(Object source, ExecutionContext context) throws Unplanned;
    }

    private record Typename(String name) implements FieldPlan {
        @Override
        public Object complete(Object source, ExecutionContext context) {
            return name;
        }
    }

    private record Fetched(GraphQLFieldDefinition definition, GraphQLObjectType parent, LightDataFetcher<?> fetcher,
                           ValuePlan value, boolean withEnvironment) implements FieldPlan {
        @Override
        public Object complete(Object source, ExecutionContext context) throws Unplanned {
            Object fetched;
            try {
                fetched = fetcher.get(definition, source, environment(source, context));
            } catch (Exception e) {
                throw Unplanned.INSTANCE;
            }
            if (fetched instanceof DataFetcherResult<?> || fetched instanceof CompletionStage<?>) {
                throw Unplanned.INSTANCE;
            }
            return value.complete(fetched, context);
        }

        private Supplier<DataFetchingEnvironment> environment(Object source, ExecutionContext context) {
            if (!withEnvironment) {
                return () -> {
                    throw new IllegalStateException("planned field " + definition.getName() + " has no environment");
                };
            }
            return () -> DataFetchingEnvironmentImpl.newDataFetchingEnvironment(context)
                    .source(source)
                    .arguments(Map.of())
                    .fieldDefinition(definition)
                    .fieldType(definition.getType())
                    .parentType(parent)
                    .build();
        }
    }

    private sealed interface ValuePlan permits ScalarValue, EnumValue, ListValue, ObjectValue {
        boolean nonNull();

        Object completeValue(Object value, ExecutionContext context) throws Unplanned;

        default Object complete(Object raw, ExecutionContext context) throws Unplanned {
            Object value = context.getValueUnboxer().unbox(raw);
            if (value == null) {
                if (nonNull()) {
                    throw Unplanned.INSTANCE;
                }
                return null;
            }
            Object completed = completeValue(value, context);
            if (completed == null && nonNull()) {
                throw Unplanned.INSTANCE;
            }
            return completed;
        }
    }

    private record ScalarValue(boolean nonNull, GraphQLScalarType scalar) implements ValuePlan {
        @Override
        public Object completeValue(Object value, ExecutionContext context) throws Unplanned {
            try {
                return scalar.getCoercing().serialize(value, context.getGraphQLContext(), context.getLocale());
            } catch (RuntimeException e) {
                throw Unplanned.INSTANCE;
            }
        }
    }

    private record EnumValue(boolean nonNull, GraphQLEnumType type) implements ValuePlan {
        @Override
        public Object completeValue(Object value, ExecutionContext context) throws Unplanned {
            try {
                return type.serialize(value, context.getGraphQLContext(), context.getLocale());
            } catch (RuntimeException e) {
                throw Unplanned.INSTANCE;
            }
        }
    }

    private record ListValue(boolean nonNull, ValuePlan element) implements ValuePlan {
        @Override
        public Object completeValue(Object value, ExecutionContext context) throws Unplanned {
            List<Object> completed;
            if (value instanceof Iterable<?> items) {
                completed = items instanceof Collection<?> collection ? new ArrayList<>(collection.size())
                        : new ArrayList<>();
                for (Object item : items) {
                    completed.add(element.complete(item, context));
                }
            } else if (value.getClass().isArray()) {
                int length = Array.getLength(value);
                completed = new ArrayList<>(length);
                for (int i = 0; i < length; i++) {
                    completed.add(element.complete(Array.get(value, i), context));
                }
            } else {
                throw Unplanned.INSTANCE;
            }
            return completed;
        }
    }

    private record ObjectValue(boolean nonNull, ObjectPlan plan) implements ValuePlan {
        @Override
        public Object completeValue(Object value, ExecutionContext context) throws Unplanned {
            return plan.complete(value, context);
        }
    }
}
