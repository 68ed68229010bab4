package dev.catalog.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.catalog.platform.processing.ProcessingProperties;
import dev.catalog.platform.processing.ProcessorLagLimit;
import dev.catalog.query.QuerySideTestApplication;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ProcessorsHealthIndicatorTest {

    @Autowired
    ProcessorsHealthIndicator health;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ApplicationContext context;

    @Test
    void is_up_and_details_every_view_projection_as_inline_while_the_processors_run() {
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        var details = health.health().getDetails();
        for (String group : ProjectionGroups.ALL) {
            assertThat(details.get(group)).asInstanceOf(MAP)
                    .containsEntry("inline", true)
                    .containsEntry("running", true)
                    .containsEntry("error", false);
        }
    }

    @Test
    void is_down_while_a_view_projection_is_stopped() {
        EventProcessor processor = processing.eventProcessor(ProjectionGroups.IMAGE_VIEW).orElseThrow();
        processor.shutDown();
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails().get(ProjectionGroups.IMAGE_VIEW)).asInstanceOf(MAP)
                    .containsEntry("running", false);
        } finally {
            processor.start();
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    private static final ProcessorStatus VIEWS = new ProcessorStatus(ProjectionGroups.PRODUCT_VIEW, true, true, false, false, false, 0, 0, 0, null);
    private static final ProcessorStatus IMAGES = new ProcessorStatus(ProjectionGroups.IMAGE_VIEW, true, true, false, false, false, 0, 0, 0, null);
    private static final ProcessorStatus PRODUCT_HISTORY = new ProcessorStatus(ProjectionGroups.PRODUCT_HISTORY, true, true, false, false, false, 0, 0, 0, null);
    private static final ProcessorStatus IMAGE_HISTORY = new ProcessorStatus(ProjectionGroups.IMAGE_HISTORY, true, true, false, false, false, 0, 0, 0, null);
    private static final ProcessingProperties GENERAL = new ProcessingProperties(4, 100, Duration.ofSeconds(30), 10_000, Duration.ofSeconds(6));

    private static Health healthOf(ProcessorStatus status, ProcessorLagLimit... limits) {
        return ProcessorsHealthIndicator.of(List.of(VIEWS, IMAGES, PRODUCT_HISTORY, IMAGE_HISTORY, status),
                ProcessorsHealthIndicator.maxLag(GENERAL, List.of(limits)));
    }

    private static ProcessorStatus cascade(boolean error, boolean replaying, long lag) {
        return new ProcessorStatus("product-image-cascade", false, true, error, replaying, false, 4, 0, 0, lag);
    }

    @Test
    void is_out_of_service_while_an_asynchronous_processor_is_further_behind_than_allowed_unless_it_replays() {
        Health tooFar = healthOf(cascade(false, false, 10_001));
        assertThat(tooFar.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(tooFar.getDetails().get("behind")).asString()
                .contains("product-image-cascade (10001 events, at most 10000)");
        assertThat(tooFar.getDetails().get("product-image-cascade")).asInstanceOf(MAP)
                .containsEntry("readinessMaxLag", 10_000L);
        assertThat(healthOf(cascade(false, true, 10_001)).getStatus()).isEqualTo(Status.UP);
        assertThat(healthOf(cascade(false, false, 10_000)).getStatus()).isEqualTo(Status.UP);
        assertThat(healthOf(cascade(true, false, 10_001)).getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void a_processor_with_a_lag_limit_of_its_own_is_judged_by_that_limit_alone() {
        ProcessorStatus publisher = new ProcessorStatus("kafka-publisher", false, true, false, false, false, 1, 0, 0, 50_000L);

        Health never = healthOf(publisher, new ProcessorLagLimit("kafka-publisher", OptionalLong.empty()));
        assertThat(never.getStatus()).as("no limit of its own: never, whatever the general one").isEqualTo(Status.UP);
        assertThat(never.getDetails().get("kafka-publisher")).asInstanceOf(MAP).containsEntry("readinessMaxLag", "none");

        assertThat(healthOf(publisher, new ProcessorLagLimit("kafka-publisher", OptionalLong.of(60_000))).getStatus())
                .as("within its own limit, though past the general one").isEqualTo(Status.UP);
        Health tooFar = healthOf(publisher, new ProcessorLagLimit("kafka-publisher", OptionalLong.of(500)));
        assertThat(tooFar.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(tooFar.getDetails().get("behind")).asString().contains("kafka-publisher (50000 events, at most 500)");

        assertThat(healthOf(cascade(false, false, 10_001), new ProcessorLagLimit("kafka-publisher", OptionalLong.empty()))
                .getStatus()).as("the others keep the general limit").isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void is_registered_as_the_processors_health_contributor() {
        assertThat(context.getBean("processorsHealthIndicator")).isInstanceOf(HealthIndicator.class);
    }
}
