package dev.catalog.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The catalog's database connections: the embedded PostgreSQL or the external one, reached through three
 * pools ({@link DatabaseProperties}).
 * <ul>
 *   <li>{@code dataSource}, the primary one, which Spring's transaction manager, Flyway and Axon use, routes
 *       by {@link Workload}: the writes pool, or the processing pool for the threads of asynchronous event
 *       processors;</li>
 *   <li>{@code readsDataSource} and {@code readsJdbcClient} are the reads pool, for queries of the views.</li>
 *   <li>{@code jdbcClient}, the primary one, is on {@code dataSource}.</li>
 * </ul>
 * Ordered before Spring Boot's {@code DataSourceAutoConfiguration}, which then backs off.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties({DatabaseProperties.class, EmbeddedDatabaseProperties.class, DataSourceProperties.class})
@Import({EmbeddedDatabaseConfiguration.class, DatabaseAutoConfiguration.ExternalDatabaseConfiguration.class})
public class DatabaseAutoConfiguration {

    /** The external database: {@code SPRING_DATASOURCE_URL} and its user and password. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(ExternalDatabase.class)
    @ConditionalOnMissingBean(DatabaseEndpoint.class)
    static class ExternalDatabaseConfiguration {

        @Bean
        DatabaseEndpoint databaseEndpoint(DataSourceProperties properties) {
            return new DatabaseEndpoint(properties.getUrl(), properties.getUsername(), properties.getPassword());
        }
    }

    /** Matches when the operator configured an external database. */
    static final class ExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new EmbeddedDatabaseConfiguration.NoExternalDatabase().matches(context, metadata);
        }
    }

    @Bean
    @Primary
    DataSource dataSource(DatabaseEndpoint endpoint, DatabaseProperties properties) {
        return new WorkloadRoutingDataSource(pool(endpoint, "writes", properties.writes()),
                pool(endpoint, "processing", properties.processing()), properties.groupCommit());
    }

    @Bean
    HikariDataSource readsDataSource(DatabaseEndpoint endpoint, DatabaseProperties properties) {
        return pool(endpoint, "reads", properties.reads());
    }

    /** On the primary {@code dataSource}: joins the current transaction, in the calling thread's pool. */
    @Bean
    @Primary
    JdbcClient jdbcClient(DataSource dataSource) {
        return JdbcClient.create(dataSource);
    }

    /** For the query side's reads of the views; every call is one statement, run outside any transaction. */
    @Bean
    JdbcClient readsJdbcClient(@Qualifier("readsDataSource") DataSource readsDataSource) {
        return JdbcClient.create(readsDataSource);
    }

    /**
     * A fixed-size pool whose connections run every statement under the pool's timeout; its name shows in
     * {@code pg_stat_activity.application_name}. Connections are opened on first use. A caller that got no connection
     * within the timeout makes every caller fail at once until the pool gets a connection again ({@link FailFastPool}).
     */
    static HikariDataSource pool(DatabaseEndpoint endpoint, String name, DatabaseProperties.Pool pool) {
        HikariDataSource dataSource = new FailFastPool();
        dataSource.setPoolName("catalog-" + name);
        dataSource.setJdbcUrl(endpoint.jdbcUrl());
        dataSource.setUsername(endpoint.username());
        dataSource.setPassword(endpoint.password());
        dataSource.setMaximumPoolSize(pool.connections());
        dataSource.setMinimumIdle(pool.connections());
        dataSource.setConnectionTimeout(Math.max(250, pool.timeout().toMillis()));
        dataSource.addDataSourceProperty("options", "-c statement_timeout=" + pool.timeout().toMillis());
        dataSource.addDataSourceProperty("ApplicationName", "catalog-" + name);
        return dataSource;
    }
}
