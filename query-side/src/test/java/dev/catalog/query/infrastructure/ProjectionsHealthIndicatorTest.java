package dev.catalog.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.catalog.query.Await;
import dev.catalog.query.QuerySideTestApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ProjectionsHealthIndicatorTest {

    @Autowired
    ProjectionsHealthIndicator health;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ApplicationContext context;

    @Test
    void is_up_and_details_every_projection_while_the_processors_run() {
        Await.until("processors run", () -> health.health().getStatus().equals(Status.UP));

        var details = health.health().getDetails();
        for (String group : ProjectionGroups.ALL) {
            assertThat(details.get(group)).asInstanceOf(MAP)
                    .containsEntry("running", true)
                    .containsEntry("error", false)
                    .containsKeys("replaying", "segments", "deadLetters", "deadLetterSequences");
        }
    }

    @Test
    void is_down_while_a_projection_processor_is_stopped() {
        StreamingEventProcessor processor = processing
                .eventProcessor(ProjectionGroups.IMAGE_VIEW, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails().get(ProjectionGroups.IMAGE_VIEW)).asInstanceOf(MAP)
                    .containsEntry("running", false);
        } finally {
            processor.start();
        }
        Await.until("up again", () -> health.health().getStatus().equals(Status.UP));
    }

    @Test
    void is_registered_as_the_projections_health_contributor() {
        assertThat(context.getBean("projectionsHealthIndicator")).isInstanceOf(HealthIndicator.class);
    }
}
