package dev.catalog.platform;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import dev.catalog.platform.processing.ProcessingProperties;
import dev.catalog.platform.processing.ProcessingThreads;
import dev.catalog.platform.processing.ProcessingNodes;
import dev.catalog.platform.roles.InstanceId;
import dev.catalog.platform.roles.InstanceRoles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * The Axon infrastructure both sides share, on the application's PostgreSQL DataSource.
 *
 * <p>Why not Axon's own {@code JdbcAutoConfiguration} and {@code TransactionAutoConfiguration}: they
 * order themselves against Spring Boot 3 class names ({@code org.springframework.boot.autoconfigure.jdbc...})
 * that Boot 4 moved, so their {@code @ConditionalOnBean(DataSource / PlatformTransactionManager)} is
 * evaluated before Boot defines those beans. Verified with Boot 4.1.0: without this class Axon runs
 * with a {@code NoTransactionManager} (events, registry rows, view rows and tokens would no longer
 * commit together) and without a JDBC token store or connection provider. Declared here, ordered
 * before Axon's auto-configurations, these beans make Axon's back off.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        before = {JdbcAutoConfiguration.class, AxonAutoConfiguration.class, NoOpTransactionAutoConfiguration.class,
                org.axonframework.springboot.autoconfig.TransactionAutoConfiguration.class})
@EnableConfigurationProperties(ProcessingProperties.class)
public class AxonPostgresAutoConfiguration {

    /** Axon's units of work run in Spring transactions: one per command, one per processor batch. */
    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    /** The threads of every asynchronous event processor, on the processing connection pool. */
    @Bean
    @ConditionalOnMissingBean
    public ProcessingThreads processingThreads() {
        return new ProcessingThreads();
    }

    /** Connections bound to the current Spring transaction, so Axon and our JDBC code share one. */
    @Bean
    @ConditionalOnMissingBean(ConnectionProvider.class)
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    @ConditionalOnMissingBean(PersistenceExceptionResolver.class)
    public PersistenceExceptionResolver axonPersistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Processor positions in {@code tokenentry}, written in the same transaction as what they track. A claim is
     * owned by this instance's {@link InstanceId} and lapses after {@code catalog.processing.claim-timeout}.
     */
    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer defaultSerializer,
                                 InstanceId instance, ProcessingProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(defaultSerializer)
                .nodeId(instance.value())
                .claimTimeout(properties.claimTimeout())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public InstanceId instanceId() {
        return InstanceId.generate();
    }

    /** The instances sharing the database, and this one's share of every processor's segments. */
    @Bean
    @ConditionalOnMissingBean
    public ProcessingNodes processingNodes(JdbcClient jdbcClient, TokenStore tokenStore, InstanceId instance,
                                           InstanceRoles roles, ProcessingProperties properties,
                                           ProcessingThreads threads) {
        return new ProcessingNodes(jdbcClient, tokenStore, instance, roles, properties, threads);
    }

    /**
     * Lets Axon's Jackson 3 serializers read back a {@code ReplayToken}, so a processor can load its
     * own token after a reset (a replay).
     *
     * <p>{@code ReplayToken} declares its reset context as {@code Object} with {@code @JsonTypeInfo};
     * Jackson 3's default validator refuses any polymorphic {@code Object} property ("denies resolution
     * of all subtypes of base type java.lang.Object"). This validator allows Axon's and the catalog's
     * own types (and strings) only, so no arbitrary class named in stored JSON is ever instantiated.
     * Axon applies the first {@link Jackson3SerializerCustomizer} bean to all its serializers; it
     * changes how polymorphic properties are checked, not the serialized form of events.
     */
    @Bean
    @ConditionalOnMissingBean(Jackson3SerializerCustomizer.class)
    public Jackson3SerializerCustomizer axonPolymorphicTypeValidatorCustomizer() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("dev.catalog.")
                .allowIfSubType(String.class)
                .build());
    }
}
