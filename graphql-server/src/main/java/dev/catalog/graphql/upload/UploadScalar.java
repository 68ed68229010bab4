package dev.catalog.graphql.upload;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The {@code Upload} scalar: an input only, whose value is a file of the multipart request ({@link FileUpload}). It
 * cannot be written in the document nor sent as JSON, and is never in an answer.
 */
@Configuration(proxyBeanMethods = false)
public class UploadScalar {

    static final GraphQLScalarType UPLOAD = GraphQLScalarType.newScalar()
            .name("Upload")
            .description("A file sent with the request as the GraphQL multipart request specification defines it")
            .coercing(new UploadCoercing())
            .build();

    @Bean
    RuntimeWiringConfigurer uploadWiring() {
        return wiring -> wiring.scalar(UPLOAD);
    }

    static final class UploadCoercing implements Coercing<FileUpload, Void> {

        @Override
        public Void serialize(Object value, GraphQLContext context, Locale locale) {
            throw new CoercingSerializeException("An Upload is an input only.");
        }

        @Override
        public FileUpload parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof FileUpload upload) {
                return upload;
            }
            throw new CoercingParseValueException("An Upload variable takes a file: send the request as "
                    + "multipart/form-data with `operations`, `map` and the file (the GraphQL multipart request "
                    + "specification), with the variable null in `operations`.");
        }

        @Override
        public FileUpload parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                       Locale locale) {
            throw new CoercingParseLiteralException("An Upload cannot be written in the document: pass it as a "
                    + "variable, filled with a file of a multipart request.");
        }
    }
}
