package dev.catalog.gateway;

import dev.catalog.CatalogApplication;
import dev.catalog.platform.database.DatabaseEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One more instance of the whole application in this JVM, on a random port, for multi-instance tests. */
public final class CatalogInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private CatalogInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts an instance with these extra properties ({@code key=value}), passed as command-line
     * arguments so they outrank application.yml.
     */
    public static CatalogInstance start(String... properties) {
        String[] args = new String[properties.length + 2];
        args[0] = "--server.port=0";
        // Multi-instance tests send many requests from 127.0.0.1; the rate limit has its own tests.
        args[1] = "--catalog.rate-limit.per-minute=0";
        for (int i = 0; i < properties.length; i++) {
            args[i + 2] = "--" + properties[i];
        }
        return new CatalogInstance(new SpringApplicationBuilder(CatalogApplication.class).run(args));
    }

    /** Starts an instance on {@code database} (another instance's), with these extra properties, as {@link #start}. */
    public static CatalogInstance sharing(DatabaseEndpoint database, String... properties) {
        String[] args = new String[properties.length + 3];
        args[0] = "spring.datasource.url=" + database.jdbcUrl();
        args[1] = "spring.datasource.username=" + database.username();
        args[2] = "spring.datasource.password=" + database.password();
        System.arraycopy(properties, 0, args, 3, properties.length);
        return start(args);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public HttpGraphQlTester graphQl() {
        return graphQlAt("/graphql");
    }

    /** A tester for a GraphQL endpoint of this instance: {@code /graphql} or a subgraph's path. */
    public HttpGraphQlTester graphQlAt(String path) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port() + path).build());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
