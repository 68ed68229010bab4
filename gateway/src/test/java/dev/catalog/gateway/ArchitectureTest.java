package dev.catalog.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway talks to the command side only through commands, and reads only the query side's views; the Kafka
 * publisher reads only the events; the GraphQL server names nothing of the catalog. No package of a module depends
 * on itself through another.
 */
@AnalyzeClasses(packages = "dev.catalog",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** Another module's test-jar (the platform's test support) holds tests too, which DoNotIncludeTests misses. */
    public static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

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
    static final ArchRule the_graphql_server_names_nothing_of_the_catalog =
            noClasses().that().resideInAPackage("dev.catalog.graphql..")
                    .should().dependOnClassesThat().resideInAnyPackage("dev.catalog.gateway..", "dev.catalog.query..",
                            "dev.catalog.command..", "dev.catalog.events..", "dev.catalog.platform..",
                            "dev.catalog.kafka..", "dev.catalog.admin..");

    /** Each module's packages ({@code dev.catalog.<module>.<package>}), cycles between them included. */
    @ArchTest
    static final ArchRule no_package_of_any_module_depends_on_itself_through_another =
            slices().matching("dev.catalog.(*).(*)..").should().beFreeOfCycles();
}
