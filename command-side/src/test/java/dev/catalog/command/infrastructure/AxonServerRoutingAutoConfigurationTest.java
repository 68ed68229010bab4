package dev.catalog.command.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AxonServerRoutingAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AxonServerRoutingAutoConfiguration.class));

    @Test
    void axon_server_with_its_own_event_store_stops_the_start_and_says_what_to_set() {
        runner.withPropertyValues("axon.axonserver.enabled=true").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("axon.axonserver.event-store.enabled=false"));
    }

    @Test
    void without_axon_server_none_of_it_is_wired() {
        runner.withPropertyValues("axon.axonserver.enabled=false").run(context -> assertThat(context)
                .hasNotFailed().doesNotHaveBean(AxonServerRoutingAutoConfiguration.class));
    }
}
