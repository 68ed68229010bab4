package dev.catalog.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.CatalogInstance;
import dev.catalog.platform.database.DatabaseEndpoint;
import dev.catalog.platform.processing.ProcessingNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three instances on one database, as a deployment that scales the API and the processors apart: this test's own
 * (every role), one with {@code CATALOG_ROLES=api} and one with {@code CATALOG_ROLES=processors}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstanceRolesTest extends ApiTest {

    private static final String CASCADE = "product-image-cascade";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DatabaseEndpoint database;
    @Autowired
    EventProcessingConfiguration processing;

    private final HttpClient http = HttpClient.newHttpClient();
    private CatalogInstance apiOnly;
    private CatalogInstance processorsOnly;

    @BeforeAll
    void startTheOtherInstances() {
        apiOnly = CatalogInstance.sharing(database, "catalog.roles=api");
        processorsOnly = CatalogInstance.sharing(database, "catalog.roles=processors");
    }

    @AfterAll
    void stopTheOtherInstances() {
        if (apiOnly != null) {
            apiOnly.close();
        }
        if (processorsOnly != null) {
            processorsOnly.close();
        }
    }

    @Test
    void the_segments_spread_over_the_instances_with_the_processors_role_and_the_api_only_one_claims_none() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(claimed(processing)).as("segments held by the instance with every role").hasSize(2);
            assertThat(claimed(processorsOnly.bean(EventProcessingConfiguration.class)))
                    .as("segments held by the processors-only instance").hasSize(2);
        });

        assertThat(claimed(apiOnly.bean(EventProcessingConfiguration.class))).as("segments held by the api-only instance")
                .isEmpty();
        assertThat(apiOnly.bean(ProcessingNodes.class).share(CASCADE)).isZero();
        assertThat(claimed(processing)).doesNotContainAnyElementsOf(
                claimed(processorsOnly.bean(EventProcessingConfiguration.class)));
    }

    @Test
    void an_api_only_instance_serves_the_api_and_its_writes_reach_the_cascade_of_the_others() {
        int id = apiOnly.graphQl().documentName("createProduct").variable("inp", productInput(unique("Api only"), 3, null))
                .execute().path("createProduct.id").entity(Integer.class).get();
        int imageId = apiOnly.graphQl().documentName("createImage")
                .variable("inp", imageInput("https://e.example.com/api-only.png", 1, id)).execute()
                .path("createImage.id").entity(Integer.class).get();

        apiOnly.graphQl().documentName("deleteProduct").variable("productId", id).execute()
                .path("deleteProduct").entity(String.class).isEqualTo("Product " + id + " deleted successfully.");

        // The image goes with its product through the cascade, which only the other two instances run.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> graphQl.documentName("image")
                .variable("id", imageId).execute().path("image").valueIsNull());
    }

    @Test
    void a_processors_only_instance_refuses_every_graphql_path_and_answers_its_health() throws Exception {
        for (String path : List.of("/graphql", "/products/graphql", "/images/graphql", "/graphiql")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(processorsOnly, path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ __typename }\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(JSON.readTree(response.body()).at("/errors/0/extensions/code").asString()).as(path)
                    .isEqualTo("NOT_SERVED");
        }

        JsonNode health = JSON.readTree(http.send(HttpRequest.newBuilder(uri(processorsOnly, "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.at("/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/instance/details/roles").toString()).isEqualTo("[\"processors\"]");
        assertThat(health.at("/components/instance/details/name").asString())
                .isEqualTo(processorsOnly.bean(ProcessingNodes.class).instance().value());
    }

    @Test
    void instances_lists_every_instance_with_its_roles_and_the_one_that_answered() {
        var response = graphQl.documentName("instances").execute();
        response.errors().verify();
        List<Map<String, Object>> instances = response.path("instances").entityList(
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { }).get();

        assertThat(instances).extracting(instance -> instance.get("roles")).containsExactlyInAnyOrder(
                List.of("processors"), List.of("api"), List.of("api", "processors"));
        assertThat(instances).allSatisfy(instance -> assertThat(instance.get("live")).isEqualTo(true));
        assertThat(instances).filteredOn(instance -> Boolean.TRUE.equals(instance.get("answering")))
                .extracting(instance -> instance.get("roles")).containsExactly(List.of("api", "processors"));
    }

    private static Set<Integer> claimed(EventProcessingConfiguration processing) {
        return processing.eventProcessor(CASCADE, StreamingEventProcessor.class).orElseThrow().processingStatus().keySet();
    }

    private static URI uri(CatalogInstance instance, String path) {
        return URI.create("http://127.0.0.1:" + instance.port() + path);
    }
}
