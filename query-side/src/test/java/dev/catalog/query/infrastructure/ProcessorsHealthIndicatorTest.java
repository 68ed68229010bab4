package dev.catalog.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.catalog.query.QuerySideTestApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Test
    void is_out_of_service_while_an_asynchronous_processor_is_further_behind_than_allowed_unless_it_replays() {
        ProcessorStatus views = new ProcessorStatus(ProjectionGroups.PRODUCT_VIEW, true, true, false, false, false, 0, 0, 0, null);
        ProcessorStatus images = new ProcessorStatus(ProjectionGroups.IMAGE_VIEW, true, true, false, false, false, 0, 0, 0, null);
        ProcessorStatus behind = new ProcessorStatus("kafka-publisher", false, true, false, false, false, 4, 0, 0, 10_001L);
        ProcessorStatus replaying = new ProcessorStatus("kafka-publisher", false, true, false, true, false, 4, 0, 0, 10_001L);
        ProcessorStatus close = new ProcessorStatus("kafka-publisher", false, true, false, false, false, 4, 0, 0, 10_000L);
        ProcessorStatus failing = new ProcessorStatus("kafka-publisher", false, true, true, false, false, 4, 0, 0, 10_001L);

        var tooFar = ProcessorsHealthIndicator.of(java.util.List.of(views, images, behind), 10_000);
        assertThat(tooFar.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(tooFar.getDetails().get("behind")).asString().contains("kafka-publisher (10001 events)");
        assertThat(ProcessorsHealthIndicator.of(java.util.List.of(views, images, replaying), 10_000).getStatus())
                .isEqualTo(Status.UP);
        assertThat(ProcessorsHealthIndicator.of(java.util.List.of(views, images, close), 10_000).getStatus())
                .isEqualTo(Status.UP);
        assertThat(ProcessorsHealthIndicator.of(java.util.List.of(views, images, failing), 10_000).getStatus())
                .isEqualTo(Status.DOWN);
    }

    @Test
    void is_registered_as_the_processors_health_contributor() {
        assertThat(context.getBean("processorsHealthIndicator")).isInstanceOf(HealthIndicator.class);
    }
}
