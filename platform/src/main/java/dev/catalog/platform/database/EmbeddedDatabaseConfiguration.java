package dev.catalog.platform.database;

import dev.catalog.platform.roles.InstanceRoles;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts the embedded PostgreSQL ({@link EmbeddedDatabase}) when no external database is configured, so the
 * service runs with nothing installed but a JDK. Active only when {@code spring.datasource.url} (environment
 * {@code SPRING_DATASOURCE_URL}) is unset. The server is a bean: it stops when the application context closes,
 * after the beans that use the database (the event processors release their segments first). When the
 * application's {@code main} started it already ({@link EmbeddedDatabaseEarlyStart}), the bean takes that server.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
@ConditionalOnMissingBean(DatabaseEndpoint.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(EmbeddedDatabaseProperties properties, InstanceRoles roles,
                                      ObjectProvider<EmbeddedDatabaseEarlyStart.Started> earlyStart) throws IOException {
        requireEveryRole(roles);
        EmbeddedDatabaseEarlyStart.Started started = earlyStart.getIfAvailable();
        EmbeddedDatabase early = started == null ? null : started.take(properties);
        return early != null ? early : start(properties);
    }

    static EmbeddedDatabase start(EmbeddedDatabaseProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties.dataDir(), properties.embeddedDatabase().port(),
                !properties.embeddedDatabase().crashMayLoseWrites());
    }

    @Bean
    DatabaseEndpoint databaseEndpoint(EmbeddedDatabase database) {
        return database.endpoint();
    }

    /**
     * The embedded database is this instance's alone, so no other instance can run the roles this one leaves out:
     * the image cascade would never run (no {@code processors}), or nothing could ever be written (no {@code api}).
     */
    static void requireEveryRole(InstanceRoles roles) {
        if (!roles.isAll()) {
            throw new IllegalStateException("catalog.roles (CATALOG_ROLES) is '" + roles + "', but this instance "
                    + "runs on its own embedded PostgreSQL, which no other instance shares, so nobody would run the "
                    + "other roles. Leave CATALOG_ROLES unset (every role), or point the instances at one external "
                    + "PostgreSQL (SPRING_DATASOURCE_URL) and give each role to at least one of them.");
        }
    }

    /** Matches when the operator configured no external database. */
    static final class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return noExternalDatabase(context.getEnvironment());
        }
    }

    /** Whether {@code environment} names no external database ({@code spring.datasource.url} unset or blank). */
    static boolean noExternalDatabase(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        return url == null || url.isBlank();
    }
}
