package dev.catalog.query.infrastructure;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Gives Axon Spring's transaction manager on Spring Boot 4, where Axon 4.13 silently falls back to
 * {@code NoTransactionManager}.
 *
 * <p>Why: Axon's {@code TransactionAutoConfiguration} orders itself after
 * {@code org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration},
 * a Boot 3 class name; Boot 4 moved that class to {@code org.springframework.boot.jdbc.autoconfigure}.
 * Axon's condition on a {@link PlatformTransactionManager} is then evaluated before Boot defines
 * one, fails, and {@code NoOpTransactionAutoConfiguration} wins: event processors would commit
 * tokens and view rows separately (in auto-commit), and the event store would append without a
 * transaction. This registers the same bean Axon would have, in the right order; it backs off when
 * the application defines an Axon {@link TransactionManager} itself.
 *
 * <p>An auto-configuration (listed in {@code META-INF/spring/...AutoConfiguration.imports}), not
 * a component: only auto-configurations can be ordered against other auto-configurations.
 * {@code @SpringBootApplication}'s scan skips it.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
                "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
                "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"},
        beforeName = {
                "org.axonframework.springboot.autoconfig.TransactionAutoConfiguration",
                "org.axonframework.springboot.autoconfig.NoOpTransactionAutoConfiguration"})
public class AxonSpringTransactionAutoConfiguration {

    /** Axon's units of work run in Spring transactions of the application's transaction manager. */
    @Bean
    @ConditionalOnMissingBean(TransactionManager.class)
    @ConditionalOnBean(PlatformTransactionManager.class)
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }
}
