package dev.catalog.gateway.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts an embedded PostgreSQL 17 when no external database is configured, so the service runs with
 * nothing installed but a JDK.
 *
 * <p>Active only when {@code spring.datasource.url} (environment {@code SPRING_DATASOURCE_URL}) is
 * unset. The cluster lives in {@code catalog.data-dir} (environment {@code CATALOG_DATA_DIR}, default
 * {@code ./data}) and survives restarts; it is stopped when the application context closes, last, so a
 * graceful shutdown (SIGTERM, Ctrl-C) lets the event processors finish and release their segments first.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.NoExternalDatabase.class)
public class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${catalog.data-dir:./data}") String dataDir,
                                      @Value("${catalog.embedded-database.port:0}") int port) throws IOException {
        Path directory = Path.of(dataDir).toAbsolutePath().normalize();
        Files.createDirectories(directory);
        StalePostmaster.stopIfRunning(directory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // Stopped by the context (destroyMethod) after Axon has released its tokens, never by a JVM
                // shutdown hook of its own that would race the context's shutdown and kill the database first.
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "200");
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setPoolName("catalog-embedded");
        return dataSource;
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
