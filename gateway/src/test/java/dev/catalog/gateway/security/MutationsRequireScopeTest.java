package dev.catalog.gateway.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.graphql.data.method.annotation.MutationMapping;

/** A new mutation cannot be left open by forgetting its scope: the build fails instead. */
@AnalyzeClasses(packages = "dev.catalog.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class MutationsRequireScopeTest {

    @ArchTest
    static final ArchRule every_mutation_requires_the_write_or_admin_scope =
            methods().that().areAnnotatedWith(MutationMapping.class)
                    .should().beAnnotatedWith(RequiresWrite.class).orShould().beAnnotatedWith(RequiresAdmin.class);
}
