package dev.catalog.query;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The query side's packages depend on each other in one direction only. */
@AnalyzeClasses(packages = "dev.catalog.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_packages_are_free_of_cycles = slices().matching("dev.catalog.query.(*)..")
            .should().beFreeOfCycles();
}
