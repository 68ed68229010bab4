package dev.catalog.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain packages stay free of frameworks other than Axon's modelling, and of the query side; the packages
 * depend on each other in one direction only.
 */
@AnalyzeClasses(packages = "dev.catalog.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] DOMAIN = {"dev.catalog.command.product..", "dev.catalog.command.image.."};

    @ArchTest
    static final ArchRule the_domain_does_not_use_spring = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule the_domain_does_not_use_jpa = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "javax.persistence..", "org.hibernate..");

    @ArchTest
    static final ArchRule the_domain_does_not_know_the_infrastructure = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("dev.catalog.command.infrastructure..", "java.sql..", "javax.sql..");

    @ArchTest
    static final ArchRule the_command_side_does_not_depend_on_the_query_side = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("dev.catalog.query..", "dev.catalog.gateway..");

    @ArchTest
    static final ArchRule the_packages_are_free_of_cycles = slices().matching("dev.catalog.command.(*)..")
            .should().beFreeOfCycles();
}
