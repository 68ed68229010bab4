package dev.catalog.platform.database;

import dev.catalog.platform.roles.InstanceRoles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the configuration is read, before the
 * application context is built, so that the database's start overlaps the context's (ADR 30). The
 * {@code embeddedDatabase} bean then takes the server started here; one that nobody took (the context failed,
 * or it used another database) is stopped.
 *
 * <p>Added by the application's {@code main} only: a test's context gets its properties (its database's URL
 * among them) after this listener would have seen the environment, so it starts its database itself.
 */
public final class EmbeddedDatabaseEarlyStart implements ApplicationListener<ApplicationEvent> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseEarlyStart.class);

    private Started started;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        switch (event) {
            case ApplicationEnvironmentPreparedEvent prepared -> start(prepared.getEnvironment());
            case ApplicationContextInitializedEvent initialized when started != null ->
                    initialized.getApplicationContext().getBeanFactory().registerSingleton(Started.BEAN, started);
            case ApplicationFailedEvent ignored when started != null -> started.closeUnlessTaken();
            case ApplicationReadyEvent ignored when started != null -> started.closeUnlessTaken();
            default -> {
            }
        }
    }

    private void start(ConfigurableEnvironment environment) {
        if (!EmbeddedDatabaseConfiguration.noExternalDatabase(environment) || !rolesAllowEmbedded(environment)) {
            return; // the context reports what is wrong, or connects to the external database
        }
        EmbeddedDatabaseProperties properties = Binder.get(environment)
                .bindOrCreate("catalog", EmbeddedDatabaseProperties.class);
        started = new Started(properties, CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedDatabaseConfiguration.start(properties);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Thread.ofPlatform().name("embedded-postgres-start").daemon().start(task)));
    }

    private static boolean rolesAllowEmbedded(ConfigurableEnvironment environment) {
        try {
            return InstanceRoles.parse(environment.getProperty(InstanceRoles.PROPERTY)).isAll();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The server being started, for the bean to take once. */
    static final class Started {

        static final String BEAN = "catalog.embeddedDatabaseEarlyStart";

        private final EmbeddedDatabaseProperties properties;
        private final CompletableFuture<EmbeddedDatabase> server;
        private boolean taken;

        private Started(EmbeddedDatabaseProperties properties, CompletableFuture<EmbeddedDatabase> server) {
            this.properties = properties;
            this.server = server;
        }

        /**
         * The server started for {@code wanted}, once it is up; null when it was started for other settings or was
         * taken already.
         */
        synchronized EmbeddedDatabase take(EmbeddedDatabaseProperties wanted) throws IOException {
            if (taken || !properties.equals(wanted)) {
                return null;
            }
            taken = true;
            try {
                return server.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        /** The start under way or done. */
        CompletableFuture<EmbeddedDatabase> server() {
            return server;
        }

        synchronized void closeUnlessTaken() {
            if (taken) {
                return;
            }
            taken = true;
            try {
                server.join().close();
            } catch (IOException | RuntimeException e) {
                log.warn("Could not stop the embedded PostgreSQL that was started early and not used", e);
            }
        }
    }
}
