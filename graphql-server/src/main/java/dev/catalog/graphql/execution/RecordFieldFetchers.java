package dev.catalog.graphql.execution;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.LightDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Binds the fields of a GraphQL object type to the components of the record that holds it, once, at start-up.
 * graphql-java's default property fetcher finds the accessor anew on every value (a cache lookup keyed by a
 * string it builds each time); on a page of a hundred items that lookup costs more than everything else the field
 * does. These fetchers call the accessor directly, and being {@link LightDataFetcher}s they are handed the parent
 * without the engine building a {@link DataFetchingEnvironment} for each value.
 */
public final class RecordFieldFetchers {

    private RecordFieldFetchers() {
    }

    /**
     * Wires every component of {@code record} as the field of the same name of {@code typeName}, but those in
     * {@code except} (fields with a fetcher of their own).
     */
    public static void wire(RuntimeWiring.Builder wiring, String typeName, Class<? extends Record> record,
                            Set<String> except) {
        wiring.type(typeName, type -> {
            for (RecordComponent component : record.getRecordComponents()) {
                if (!except.contains(component.getName())) {
                    type.dataFetcher(component.getName(), new Accessor(accessor(record, component)));
                }
            }
            return type;
        });
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(Class<?> record, RecordComponent component) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle getter = lookup.unreflect(component.getAccessor());
            return (Function<Object, Object>) LambdaMetafactory.metafactory(MethodHandles.lookup(), "apply",
                            MethodType.methodType(Function.class), MethodType.methodType(Object.class, Object.class),
                            getter, MethodType.methodType(component.getType().isPrimitive()
                                    ? MethodType.methodType(component.getType()).wrap().returnType()
                                    : component.getType(), record))
                    .getTarget().invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot bind " + record.getName() + "." + component.getName(), e);
        }
    }

    /** Hands out one component of the parent record; trivial, so Spring leaves it undecorated. */
    private record Accessor(Function<Object, Object> component) implements LightDataFetcher<Object> {
        @Override
        public Object get(GraphQLFieldDefinition field, Object source, Supplier<DataFetchingEnvironment> env) {
            return component.apply(source);
        }

        @Override
        public Object get(DataFetchingEnvironment env) {
            return component.apply(env.getSource());
        }
    }
}
