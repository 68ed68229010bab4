package dev.catalog.graphql.scalar;

import graphql.GraphQLContext;
import graphql.Scalars;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;

/**
 * The built-in {@code Float}, refusing what is not a finite double: graphql-java turns a literal such as
 * {@code 1e400} into {@code Infinity} and lets it through, and the resolvers then failed on it as an internal
 * error. Here it is a validation error (literal) or a {@code BAD_USER_INPUT} (variable) naming the value, before
 * any resolver runs, wherever a Float is accepted.
 */
@Configuration(proxyBeanMethods = false)
public class FiniteFloatScalar {

    static final GraphQLScalarType FLOAT = GraphQLScalarType.newScalar(Scalars.GraphQLFloat)
            .coercing(new FiniteCoercing(Scalars.GraphQLFloat.getCoercing()))
            .build();

    /**
     * graphql-java refuses to redefine a built-in scalar in the wiring, so the schema's {@code Float} is swapped
     * after it is built, everywhere it is referenced.
     */
    @Bean
    GraphQlSourceBuilderCustomizer finiteFloat() {
        return builder -> builder.typeVisitorsToTransformSchema(List.of(new GraphQLTypeVisitorStub() {
            @Override
            public TraversalControl visitGraphQLScalarType(GraphQLScalarType node,
                                                           TraverserContext<GraphQLSchemaElement> context) {
                return node.getName().equals(FLOAT.getName()) && node != FLOAT
                        ? changeNode(context, FLOAT) : TraversalControl.CONTINUE;
            }
        }));
    }

    static final class FiniteCoercing implements Coercing<Object, Object> {

        private static final String RANGE = "a Float must be a finite number, at most about 1.8e308 in size";

        @SuppressWarnings("unchecked")
        private final Coercing<Object, Object> standard;

        @SuppressWarnings("unchecked")
        FiniteCoercing(Coercing<?, ?> standard) {
            this.standard = (Coercing<Object, Object>) standard;
        }

        @Override
        public Object serialize(Object value, GraphQLContext context, Locale locale) throws CoercingSerializeException {
            return standard.serialize(value, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale) throws CoercingParseValueException {
            if (input instanceof Number number && !Double.isFinite(number.doubleValue())) {
                throw new CoercingParseValueException("The value " + input + " is out of range: " + RANGE + ".");
            }
            return standard.parseValue(input, context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale)
                throws CoercingParseLiteralException {
            Object value = standard.parseLiteral(input, variables, context, locale);
            if (value instanceof Double number && !Double.isFinite(number)) {
                throw new CoercingParseLiteralException("The literal is out of range: " + RANGE + ".");
            }
            return value;
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return standard.valueToLiteral(input, context, locale);
        }
    }
}
