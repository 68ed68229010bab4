package dev.catalog.gateway.axonserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.catalog.CatalogApplication;
import dev.catalog.command.image.ProductImageCascade;
import dev.catalog.events.common.CommandFailure;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.CreateImageCommand;
import dev.catalog.events.image.ImageState;
import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductState;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.UpdateProductCommand;
import dev.catalog.gateway.error.Failures;
import dev.catalog.gateway.write.Commands;
import dev.catalog.graphql.error.Causes;
import dev.catalog.graphql.error.UnavailableErrors;
import io.axoniq.axonserver.grpc.command.Command;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.command.AxonServerRemoteCommandHandlingException;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStoreFactory;
import org.axonframework.axonserver.connector.event.axon.EventProcessorInfoConfiguration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.scheduling.EventScheduler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The {@code axonserver} profile's wiring (ADR 28), started on the embedded PostgreSQL with no Axon Server at its
 * address (none can run here): Axon Server routes the commands, everything else stays as without it.
 *
 * <p>What Axon Server does to a command in between is played by {@link #overAxonServer}: the command and its result
 * go through Axon's own {@link CommandSerializer} to the gRPC messages Axon Server relays and back, and the command is
 * handled by the {@link AxonServerCommandBus}'s local segment, as {@code AxonServerCommandBus} hands it a command of
 * another instance. Axon Server itself (routing, flow control, reconnection) was not run.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "catalog.data-dir=target/test-db/${random.uuid}")
@ActiveProfiles("axonserver")
class AxonServerProfileTest {

    @DynamicPropertySource
    static void noAxonServer(DynamicPropertyRegistry registry) {
        registry.add("axon.axonserver.servers", () -> "127.0.0.1:" + closedPort());
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    Configuration axon;
    @Autowired
    CommandBus commandBus;
    @Autowired
    @Qualifier("localSegment")
    CommandBus localBus;
    @Autowired
    AxonServerConfiguration axonServerConfiguration;
    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_instance_starts_while_axon_server_is_away() {
        AxonServerConnectionManager connections = context.getBean(AxonServerConnectionManager.class);

        assertThat(context.getEnvironment().getProperty("axon.axonserver.enabled")).isEqualTo("true");
        assertThat(connections.isConnected(connections.getDefaultContext())).isFalse();
    }

    @Test
    void the_events_stay_in_the_catalogs_postgresql_event_store_and_axon_servers_is_not_wired() {
        EventStore store = context.getBean(EventStore.class);

        assertThat(context.getBeanNamesForType(EventStore.class)).hasSize(1);
        assertThat(store.getClass().getName()).isEqualTo("dev.catalog.command.infrastructure.PromptEventStore");
        assertThat(axon.eventStore()).isSameAs(store);
        assertThat(axon.eventBus()).isSameAs(store);
        assertThat(context.getBean(EventStorageEngine.class).getClass().getName())
                .isEqualTo("dev.catalog.command.infrastructure.PostgresEventStorageEngine");
        assertThat(context.getEnvironment().getProperty("axon.axonserver.event-store.enabled")).isEqualTo("false");
        assertThat(context.getBeanNamesForType(AxonServerEventStore.class)).isEmpty();
        assertThat(context.getBeanNamesForType(AxonServerEventStoreFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(EventScheduler.class)).isEmpty();
    }

    @Test
    void processor_positions_stay_in_the_jdbc_token_store() {
        TokenStore tokens = context.getBean(TokenStore.class);

        assertThat(tokens).isInstanceOf(JdbcTokenStore.class);
        assertThat(axon.eventProcessingConfiguration().tokenStore(ProductImageCascade.PROCESSING_GROUP))
                .isSameAs(tokens);
    }

    @Test
    void axon_server_is_given_no_control_of_the_event_processors() {
        assertThat(context.getBeanNamesForType(EventProcessorInfoConfiguration.class)).isEmpty();
        assertThat(axon.getModules()).noneMatch(EventProcessorInfoConfiguration.class::isInstance);
        EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
        assertThat(processing.eventProcessor(ProductImageCascade.PROCESSING_GROUP)).isPresent();
    }

    @Test
    void commands_go_through_axon_server_to_axons_local_bus_with_its_transaction_and_interceptors() {
        assertThat(commandBus).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBeanNamesForType(AxonServerCommandBus.class)).hasSize(1);
        assertThat(axon.commandBus()).isSameAs(commandBus);
        assertThat(context.getBean(CommandGateway.class)).extracting("commandBus").isSameAs(commandBus);

        CommandBus localSegment = ((AxonServerCommandBus) commandBus).localSegment();
        assertThat(localSegment.getClass().getName()).isEqualTo("dev.catalog.command.infrastructure.DetailedFailures");
        assertThat(ReflectionTestUtils.getField(localSegment, "local")).isSameAs(localBus);

        assertThat(localBus).isInstanceOf(SimpleCommandBus.class);
        assertThat(ReflectionTestUtils.getField(localBus, "transactionManager"))
                .isInstanceOf(SpringTransactionManager.class)
                .isSameAs(context.getBean(TransactionManager.class));
        assertThat((List<?>) ReflectionTestUtils.getField(localBus, "handlerInterceptors"))
                .hasAtLeastOneElementOfType(CorrelationDataInterceptor.class);
    }

    @Test
    void the_cascade_sends_its_commands_to_the_local_bus_so_it_runs_while_axon_server_is_away() {
        Commands local = new Commands(DefaultCommandGateway.builder().commandBus(localBus).build());
        ProductState product = local.send(new CreateProductCommand(unique("Cascaded"), new BigDecimal("3.00"),
                ProductStatus.ACTIVE));
        ImageState image = local.send(new CreateImageCommand("https://e.example.com/cascaded.png", 5, product.productId()));

        FutureCallback<Object, Object> routed = new FutureCallback<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(new DeleteProductCommand(product.productId(), null)),
                routed);
        assertThat(routed).succeedsWithin(Duration.ofSeconds(30))
                .matches(CommandResultMessage::isExceptional, "a command routed through Axon Server fails while it is away");
        local.send(new DeleteProductCommand(product.productId(), null));

        // The product's deletion takes its images out of the views at once; the cascade's command then deletes the
        // image itself: its registry row goes, and its ImageDeletedEvent is stored.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc
                .sql("SELECT count(*) FROM image_registry WHERE image_id = ?").param(image.imageId().value())
                .query(Long.class).single() == 0);
        assertThat(eventRows(image.imageId())).isEqualTo(2);
    }

    @Test
    void a_result_crosses_axon_server_whole_and_its_write_is_in_postgresql() {
        String name = unique("Routed");

        ProductState created = overAxonServer().send(new CreateProductCommand(name, new BigDecimal("12.50"),
                ProductStatus.INACTIVE));

        assertThat(created.name()).isEqualTo(name);
        assertThat(created.price()).isEqualByComparingTo("12.50");
        assertThat(created.status()).isEqualTo(ProductStatus.INACTIVE);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.createdAt()).isNotNull();
        assertThat(eventRows(created.productId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT name FROM product_view WHERE id = ?").param(created.productId().value())
                .query(String.class).single()).isEqualTo(name);
    }

    @Test
    void a_rejection_crosses_axon_server_with_its_reason_field_and_message() {
        CreateProductCommand tooShort = new CreateProductCommand("ab", BigDecimal.ONE, ProductStatus.ACTIVE);
        CommandRejectedException locally = (CommandRejectedException) catchThrowable(() -> local().send(tooShort));

        Throwable remotely = catchThrowable(() -> overAxonServer().send(tooShort));

        assertThat(remotely).isInstanceOfSatisfying(CommandRejectedException.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(CommandRejectedException.Reason.INVALID_INPUT);
            assertThat(rejected.field()).isEqualTo("name");
            assertThat(rejected.getMessage()).isEqualTo(locally.getMessage());
        });
    }

    @Test
    void a_rejection_raised_by_the_commit_crosses_axon_server_and_nothing_is_stored() {
        String name = unique("Taken");
        ProductState first = local().send(new CreateProductCommand(name, BigDecimal.ONE, ProductStatus.ACTIVE));
        long productsNamed = productViewRowsNamed(name);

        Throwable remotely = catchThrowable(() -> overAxonServer().send(
                new CreateProductCommand(name, BigDecimal.TEN, ProductStatus.ACTIVE)));

        assertThat(remotely).isInstanceOfSatisfying(CommandRejectedException.class, rejected -> {
            assertThat(rejected.reason()).isEqualTo(CommandRejectedException.Reason.CONFLICT);
            assertThat(rejected.field()).isEqualTo("name");
        });
        assertThat(productViewRowsNamed(name)).isEqualTo(productsNamed).isEqualTo(1);
        assertThat(eventRows(first.productId())).isEqualTo(1);
    }

    @Test
    void a_missing_or_deleted_aggregate_crosses_axon_server_as_such() {
        ProductState deleted = local().send(new CreateProductCommand(unique("Gone"), BigDecimal.ONE, ProductStatus.ACTIVE));
        local().send(new DeleteProductCommand(deleted.productId(), null));

        assertThat(overAxonServer().sendToExisting(new UpdateProductCommand(ProductId.of(Integer.MAX_VALUE),
                unique("Never"), BigDecimal.ONE, ProductStatus.ACTIVE, null))).isEmpty();
        assertThat(overAxonServer().sendToExisting(new DeleteProductCommand(deleted.productId(), null))).isEmpty();
    }

    @Test
    void axon_server_delivers_a_remote_failure_as_a_command_execution_exception_whose_details_carry_the_code() {
        CreateProductCommand tooShort = new CreateProductCommand("ab", BigDecimal.ONE, ProductStatus.ACTIVE);
        CommandBus routedBus = ((AxonServerCommandBus) commandBus).localSegment();

        Throwable delivered = catchThrowable(() -> gatewayOver(routedBus).sendAndWait(tooShort));
        Throwable withoutDetails = catchThrowable(() -> gatewayOver(localBus).sendAndWait(tooShort));

        assertThat(delivered).isInstanceOfSatisfying(CommandExecutionException.class, execution -> {
            assertThat(execution.getCause()).isInstanceOf(AxonServerRemoteCommandHandlingException.class);
            assertThat(execution.getDetails()).get().isInstanceOf(CommandRejectedException.Rejection.class);
        });
        assertThat(Failures.rejectionIn(delivered)).extracting(CommandRejectedException::reason, CommandRejectedException::field)
                .containsExactly(CommandRejectedException.Reason.INVALID_INPUT, "name");
        assertThat(withoutDetails).as("Axon's local bus alone: Axon Server would deliver no details")
                .isInstanceOfSatisfying(CommandExecutionException.class,
                        execution -> assertThat(execution.getDetails()).isEmpty());
        assertThat(Failures.rejectionIn(withoutDetails)).isNull();
    }

    @Test
    void a_concurrent_modification_is_described_in_details_that_the_message_serializer_carries() {
        Object details = CommandFailure.detailsOf(new RuntimeException(new ConcurrencyException("raced")));

        Object carried = messageSerializer.deserialize(messageSerializer.serialize(details, byte[].class));

        assertThat(carried).isEqualTo(new CommandFailure(CommandFailure.Kind.CONCURRENCY, null, "raced"));
        assertThat(((CommandFailure) carried).toException()).isInstanceOf(ConcurrencyException.class).hasMessage("raced");
    }

    @Test
    void a_database_out_of_reach_where_the_command_was_handled_is_service_unavailable_for_the_caller_too() {
        Registration failing = localBus.subscribe(NeedsTheDatabase.class.getName(), command -> {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new SQLTransientConnectionException(
                    "catalog-writes - Connection is not available, request timed out after 5000ms."));
        });
        try {
            Throwable locally = catchThrowable(() -> local().send(new NeedsTheDatabase("here")));
            Throwable remotely = catchThrowable(() -> overAxonServer().send(new NeedsTheDatabase("there")));

            assertThat(UnavailableErrors.isDatabaseUnreachable(locally)).isTrue();
            assertThat(UnavailableErrors.isDatabaseUnreachable(remotely)).as("answered SERVICE_UNAVAILABLE").isTrue();
            assertThat(remotely).hasMessageContaining("Connection is not available");
        } finally {
            failing.cancel();
        }
    }

    @Test
    void another_database_failure_crosses_with_its_sql_state_and_is_not_taken_for_an_outage() {
        Registration failing = localBus.subscribe(NeedsTheDatabase.class.getName(), command -> {
            throw new IllegalStateException("insert failed", new SQLException("value too long", "22001"));
        });
        try {
            Throwable remotely = catchThrowable(() -> overAxonServer().send(new NeedsTheDatabase("there")));

            assertThat(Causes.find(remotely, SQLException.class)).get()
                    .extracting(SQLException::getSQLState).isEqualTo("22001");
            assertThat(UnavailableErrors.isDatabaseUnreachable(remotely)).isFalse();
        } finally {
            failing.cancel();
        }
    }

    /** A command whose test handler fails in the database. */
    record NeedsTheDatabase(String note) {
    }

    /** The gateway's write step with commands that go to the local bus, as without Axon Server. */
    private Commands local() {
        return new Commands(DefaultCommandGateway.builder().commandBus(localBus).build());
    }

    /** The gateway's write step with commands handled as if by another instance, through Axon Server. */
    private Commands overAxonServer() {
        return new Commands(gatewayOver(((AxonServerCommandBus) commandBus).localSegment()));
    }

    /**
     * A gateway whose commands reach {@code handlingBus} the way Axon Server carries them between instances: the
     * command serialized to the gRPC {@link Command} and back, its result to the gRPC {@code CommandResponse} and
     * back, by Axon's {@link CommandSerializer} with the application's message serializer.
     */
    private CommandGateway gatewayOver(CommandBus handlingBus) {
        CommandSerializer wire = new CommandSerializer(messageSerializer, axonServerConfiguration);
        CommandBus relay = new CommandBus() {
            @Override
            public <C> void dispatch(CommandMessage<C> command) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
                Command sent = wire.serialize(command, "routing-key", 0);
                handlingBus.dispatch(wire.deserialize(sent), (received, result) ->
                        callback.onResult(command, wire.<R>deserialize(wire.serialize(result, sent.getMessageIdentifier()))));
            }

            @Override
            public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
                throw new UnsupportedOperationException();
            }
        };
        return DefaultCommandGateway.builder().commandBus(relay).build();
    }

    private long eventRows(Object aggregateId) {
        return jdbc.sql("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?")
                .param(aggregateId.toString()).query(Long.class).single();
    }

    private long productViewRowsNamed(String name) {
        return jdbc.sql("SELECT count(*) FROM product_view WHERE name = ?").param(name).query(Long.class).single();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A port nothing listens on: Axon Server's address in this test. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
