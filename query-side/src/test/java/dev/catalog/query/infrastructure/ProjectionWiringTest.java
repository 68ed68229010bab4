package dev.catalog.query.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.query.QuerySideTestApplication;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = QuerySideTestApplication.class)
class ProjectionWiringTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TransactionManager axonTransactionManager;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    JdbcClient jdbc;

    @Test
    void tokens_and_view_rows_share_springs_transaction_on_the_one_data_source() {
        assertThat(axonTransactionManager).isInstanceOf(SpringTransactionManager.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
    }

    @Test
    void every_projection_runs_in_a_pooled_streaming_processor_that_propagates_errors_into_a_jdbc_dead_letter_queue() {
        for (String group : ProjectionGroups.ALL) {
            assertThat(processing.eventProcessor(group)).get().isInstanceOf(PooledStreamingEventProcessor.class);
            assertThat(processing.eventProcessor(group, PooledStreamingEventProcessor.class)).get()
                    .satisfies(processor -> assertThat(processor.isRunning()).isTrue());
            assertThat(processing.listenerInvocationErrorHandler(group)).isInstanceOf(PropagatingErrorHandler.class);
            assertThat(processing.deadLetterQueue(group)).get().isInstanceOf(JdbcSequencedDeadLetterQueue.class);
            assertThat(processing.sequencedDeadLetterProcessor(group)).isPresent();
        }
    }

    @Test
    void each_projection_claims_the_configured_number_of_segments_in_the_jdbc_token_store() {
        for (String group : ProjectionGroups.ALL) {
            dev.catalog.query.Await.until(group + " has initialized its tokens", () -> jdbc
                    .sql("SELECT count(*) FROM tokenentry WHERE processorName = :name")
                    .param("name", group).query(Long.class).single() == 4L);
        }
    }
}
