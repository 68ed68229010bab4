package dev.catalog.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.FieldDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminOperationsTest {

    @Test
    void names_every_root_field_of_the_administrative_schema() throws Exception {
        TypeDefinitionRegistry admin;
        try (var schema = new InputStreamReader(getClass().getResourceAsStream("/graphql/admin.graphqls"),
                StandardCharsets.UTF_8)) {
            admin = new SchemaParser().parse(schema);
        }
        Set<String> roots = new HashSet<>();
        for (String type : new String[]{"Query", "Mutation"}) {
            admin.objectTypeExtensions().getOrDefault(type, java.util.List.of())
                    .forEach(extension -> extension.getFieldDefinitions().stream().map(FieldDefinition::getName)
                            .forEach(roots::add));
        }

        assertThat(AdminOperations.FIELDS).isEqualTo(roots);
    }
}
