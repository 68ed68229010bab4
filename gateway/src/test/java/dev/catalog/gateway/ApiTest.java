package dev.catalog.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.CatalogApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the end-to-end API tests: the whole application on a random port over a real embedded
 * PostgreSQL (a fresh data directory per test run), driven through real HTTP. Subclasses share one
 * application context, so every test names its data uniquely.
 */
@SpringBootTest(classes = CatalogApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"catalog.data-dir=target/test-db/${random.uuid}",
                // These tests send hundreds of requests a minute from 127.0.0.1; the limit has its own tests.
                "catalog.rate-limit.per-minute=0",
                // A proxy on this machine, for the tests of the protected open mode.
                "catalog.trusted-proxies=127.0.0.1",
                // AdminApiTest retries dead letters itself; a periodic round could take them first.
                "catalog.processing.dead-letter-retry-interval=1h"})
@Import({SqlStatementCounter.class, ProjectionPoison.InView.class, ProjectionPoison.InCascade.class})
public abstract class ApiTest {

    @Value("${local.server.port}")
    protected int port;

    protected HttpGraphQlTester graphQl;

    @BeforeEach
    void connect() {
        graphQl = graphQlAt("/graphql");
    }

    /** A tester for a GraphQL endpoint of this application: {@code /graphql} or a subgraph's path. */
    protected HttpGraphQlTester graphQlAt(String path) {
        return HttpGraphQlTester.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + port + path).build());
    }

    /** A product name no other test uses. */
    protected static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static Map<String, Object> productInput(String name, Object price, String status) {
        Map<String, Object> input = new HashMap<>();
        input.put("name", name);
        input.put("price", price);
        if (status != null) {
            input.put("status", status);
        }
        return input;
    }

    protected static Map<String, Object> imageInput(String url, Integer priority, int productId) {
        Map<String, Object> input = new HashMap<>();
        input.put("url", url);
        input.put("productId", productId);
        if (priority != null) {
            input.put("priority", priority);
        }
        return input;
    }

    protected int createProduct(String name, double price, String status) {
        return graphQl.documentName("createProduct")
                .variable("inp", productInput(name, price, status))
                .execute()
                .path("createProduct.id").entity(Integer.class).get();
    }

    protected int createImage(int productId, String url, Integer priority) {
        return graphQl.documentName("createImage")
                .variable("inp", imageInput(url, priority, productId))
                .execute()
                .path("createImage.id").entity(Integer.class).get();
    }

    /** Asserts the response has exactly one error, with this code and (when not null) this field. */
    protected static void expectError(GraphQlTester.Response response, String code, String field) {
        response.errors().satisfy(errors -> {
            assertThat(errors).hasSize(1);
            var error = errors.getFirst();
            assertThat(error.getExtensions()).containsEntry("code", code);
            if (field != null) {
                assertThat(error.getExtensions()).containsEntry("field", field);
            }
            assertThat(error.getMessage()).isNotBlank().doesNotContainIgnoringCase("exception")
                    .doesNotContainIgnoringCase("select ").doesNotContain("at dev.catalog");
        });
    }
}
