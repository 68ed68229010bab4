package dev.catalog.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway talks to the command side only through commands, and reads only the query side's views; the Kafka
 * publisher reads only the events. No package of a module depends on itself through another.
 */
@AnalyzeClasses(packages = "dev.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_gateway_sends_commands_and_never_touches_aggregates =
            noClasses().that().resideInAPackage("dev.catalog.gateway..")
                    .should().dependOnClassesThat().resideInAPackage("dev.catalog.command..");

    @ArchTest
    static final ArchRule the_gateway_never_reads_the_event_store =
            noClasses().that().resideInAPackage("dev.catalog.gateway..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "org.axonframework.eventsourcing..", "org.axonframework.eventhandling..");

    @ArchTest
    static final ArchRule the_command_side_never_reads_the_views =
            noClasses().that().resideInAPackage("dev.catalog.command..")
                    .should().dependOnClassesThat().resideInAPackage("dev.catalog.query..");

    @ArchTest
    static final ArchRule the_kafka_publisher_knows_only_the_events =
            noClasses().that().resideInAPackage("dev.catalog.kafka..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            "dev.catalog.command..", "dev.catalog.query..", "dev.catalog.gateway..");

    @ArchTest
    static final ArchRule the_query_side_never_touches_aggregates =
            noClasses().that().resideInAPackage("dev.catalog.query..")
                    .should().dependOnClassesThat().resideInAPackage("dev.catalog.command..");

    @ArchTest
    static final ArchRule the_packages_of_the_gateway_have_no_cycle =
            slices().matching("dev.catalog.gateway.(*)..").should().beFreeOfCycles();
}
