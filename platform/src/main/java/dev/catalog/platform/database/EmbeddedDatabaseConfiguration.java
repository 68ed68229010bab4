package dev.catalog.platform.database;

import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts the embedded PostgreSQL ({@link EmbeddedDatabase}) when no external database is configured, so the
 * service runs with nothing installed but a JDK. Active only when {@code spring.datasource.url} (environment
 * {@code SPRING_DATASOURCE_URL}) is unset. The server is a bean: it stops when the application context closes,
 * after the beans that use the database (the event processors release their segments first).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
@ConditionalOnMissingBean(DatabaseEndpoint.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties.dataDir(), properties.embeddedDatabase().port(),
                !properties.embeddedDatabase().crashMayLoseWrites());
    }

    @Bean
    DatabaseEndpoint databaseEndpoint(EmbeddedDatabase database) {
        return database.endpoint();
    }

    /** Matches when the operator configured no external database. */
    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
