package dev.catalog.graphql.scalar;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** The {@code DateTime} scalar: an {@link Instant} as an ISO-8601 string in UTC. */
@Configuration(proxyBeanMethods = false)
public class DateTimeScalar {

    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An instant as an ISO-8601 string in UTC")
            .coercing(new InstantCoercing())
            .build();

    @Bean
    RuntimeWiringConfigurer dateTimeWiring() {
        return wiring -> wiring.scalar(DATE_TIME);
    }

    static final class InstantCoercing implements Coercing<Instant, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Instant instant) {
                return instant.toString();
            }
            throw new CoercingSerializeException("Expected an Instant but got " + value.getClass().getSimpleName());
        }

        @Override
        public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof String text) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException e) {
                    throw new CoercingParseValueException("Not an ISO-8601 instant: " + text);
                }
            }
            throw new CoercingParseValueException("A DateTime is a string");
        }

        @Override
        public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                    Locale locale) {
            if (input instanceof StringValue text) {
                try {
                    return Instant.parse(text.getValue());
                } catch (DateTimeParseException e) {
                    throw new CoercingParseLiteralException("Not an ISO-8601 instant: " + text.getValue());
                }
            }
            throw new CoercingParseLiteralException("A DateTime is a string");
        }
    }
}
