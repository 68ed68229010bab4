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
    void is_registered_as_the_processors_health_contributor() {
        assertThat(context.getBean("processorsHealthIndicator")).isInstanceOf(HealthIndicator.class);
    }
}
