package dev.catalog.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.query.QuerySideTestApplication;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ProjectionWiringTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    TokenStore tokenStore;

    @Test
    void tokens_and_view_rows_share_springs_transaction_on_the_one_data_source() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void every_view_projection_runs_inline_in_a_subscribing_processor_that_propagates_errors() {
        for (String group : ProjectionGroups.ALL) {
            assertThat(processing.eventProcessor(group)).get().isInstanceOf(SubscribingEventProcessor.class)
                    .satisfies(processor -> assertThat(processor.isRunning()).isTrue());
            assertThat(processing.listenerInvocationErrorHandler(group)).isInstanceOf(PropagatingErrorHandler.class);
            assertThat(processing.deadLetterQueue(group)).as("nothing to park: a failure fails the write").isEmpty();
        }
    }
}
