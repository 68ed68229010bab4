package dev.catalog.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import dev.catalog.gateway.ApiTest;
import dev.catalog.gateway.ProjectionPoison;
import dev.catalog.graphql.persisted.DocumentHash;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code bin/catalog-admin} against the running service, over real HTTP (open mode: this machine needs no token). */
class CatalogAdminCliTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    private AdminRun admin(String... args) {
        return AdminRun.against(port, args);
    }

    private static AdminRun run(String... args) {
        return AdminRun.of(args);
    }

    @Test
    void events_show_prints_an_entitys_history_newest_first_as_a_table_or_as_json() {
        int id = createProduct(unique("Shown"), 1, null);
        graphQl.document("mutation { updateProduct(productId: " + id + ", input: {name: \"" + unique("Shown again")
                + "\", price: 2}) { id } }").execute().errors().verify();

        AdminRun table = admin("events", "show", "product/" + id);
        AdminRun json = admin("--json", "events", "show", "product/" + id);
        AdminRun wrong = admin("events", "show", "order/1");

        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("2\\s+UPDATED\\s+\\S+\\s+local\\s+\\S+\\s+name: .* -> .*, price: 1.00 -> 2.00")
                .containsPattern("1\\s+CREATED");
        assertThat(JSON.readTree(json.out()).findValuesAsString("kind")).containsExactly("UPDATED", "CREATED");
        assertThat(wrong.status()).isNotZero();
        assertThat(wrong.err()).contains("product/ID or image/ID");
    }

    @Test
    void persisted_load_stores_a_manifest_in_pages_and_persisted_list_shows_its_documents() throws Exception {
        Map<String, Object> operations = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        String marker = UUID.randomUUID().toString();
        for (int i = 0; i < 40; i++) {
            // About 1,500 characters each: 40 of them take two pages of the CLI.
            String body = "query Manifest" + i + " { products(first: 1) { edges { node { id } } } } # " + marker + " "
                    + "x".repeat(1500);
            list.add(Map.of("id", DocumentHash.sha256(body), "name", "Manifest" + i,
                    "type", "query", "body", body));
        }
        operations.put("format", "apollo-persisted-query-manifest");
        operations.put("version", 1);
        operations.put("operations", list);
        Path file = Files.createTempFile("manifest-", ".json");
        Files.writeString(file, JSON.writeValueAsString(operations));

        AdminRun load = admin("persisted", "load", file.toString());
        AdminRun listed = admin("--json", "persisted", "list");

        assertThat(load.status()).as(load.err()).isZero();
        assertThat(load.out()).contains("40 documents of");
        assertThat(jdbc.sql("SELECT count(*) FROM persisted_document WHERE document LIKE :marker")
                .param("marker", "%" + marker + "%").query(Long.class).single()).isEqualTo(40L);
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(JSON.readTree(listed.out()).isArray()).isTrue();
    }

    @Test
    void projections_list_shows_every_processor_and_every_instance_as_a_table_or_the_processors_as_json() {
        AdminRun table = admin("projections", "list");
        AdminRun json = admin("--json", "projections", "list");

        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("\\S+@\\S+#\\w+\\s+api,processors\\s+live\\s+\\d+\\s+\\S+\\s+\\(answered this\\)");
        assertThat(table.out()).containsPattern("product-view\\s+inline\\s+running")
                .containsPattern("product-image-cascade\\s+async\\s+(running|catching up)\\s+\\d+\\s+\\d+\\s+(-|\\d+\\.\\d)\\s+\\d+");
        assertThat(json.status()).isZero();
        List<String> names = new ArrayList<>();
        JSON.readTree(json.out()).forEach(projection -> names.add(projection.get("name").asString()));
        assertThat(names).contains("product-view", "image-view", "product-image-cascade");
    }

    @Test
    void projections_status_shows_each_segment_of_an_asynchronous_processor_with_its_owner_and_position() {
        createProduct(unique("Positioned"), 1, null);

        AdminRun status = admin("projections", "status", "product-image-cascade");
        JsonNode json = null;
        for (JsonNode projection : JSON.readTree(admin("--json", "projections", "list").out())) {
            if (projection.get("name").asString().equals("product-image-cascade")) {
                json = projection;
            }
        }

        assertThat(status.status()).isZero();
        assertThat(status.out()).containsPattern("behind:\\s+\\d+ events")
                .containsPattern("rate:\\s+(-|\\d+\\.\\d) events/s")
                .containsPattern("segment 0\\s+held by \\d+@\\S+ at position \\d+");
        assertThat(json.get("positions")).hasSize(4);
        assertThat(json.get("behind").asInt()).isGreaterThanOrEqualTo(0);
        // Sampled every 5 s on the instance: known after two samples.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
            for (JsonNode projection : JSON.readTree(admin("--json", "projections", "list").out())) {
                if (projection.get("name").asString().equals("product-image-cascade")) {
                    return projection.get("eventsPerSecond").isNumber() && projection.get("eventsPerSecond").asDouble() >= 0;
                }
            }
            return false;
        });
    }

    @Test
    void projections_status_details_one_processor_and_an_unknown_one_fails_in_one_line() {
        AdminRun known = admin("projections", "status", "image-view");
        AdminRun unknown = admin("projections", "status", "no-such-view");

        assertThat(known.status()).isZero();
        assertThat(known.out()).contains("name:          image-view", "inline", "state:         running");
        assertThat(unknown.status()).isEqualTo(3);
        assertThat(unknown.err().strip()).startsWith("catalog-admin: no processor named no-such-view").doesNotContain("\n");
    }

    @Test
    void events_replay_moves_one_asynchronous_processor_back_and_refuses_an_inline_projection() {
        AdminRun replayed = admin("--json", "events", "replay", "--to", "product-image-cascade", "--from", "1");
        AdminRun inline = admin("events", "replay", "--to", "product-view");
        AdminRun unknown = admin("events", "replay", "--to", "nothing");

        assertThat(replayed.status()).as(replayed.err()).isZero();
        JsonNode replay = JSON.readTree(replayed.out());
        assertThat(replay.get("processor").asString()).isEqualTo("product-image-cascade");
        assertThat(replay.get("fromPosition").asInt()).isEqualTo(1);
        assertThat(inline.status()).isEqualTo(3);
        assertThat(inline.err()).contains("BAD_USER_INPUT", "runs inline");
        assertThat(unknown.status()).isEqualTo(3);
        assertThat(unknown.err()).contains("NOT_FOUND");
        // The cascade runs again after its replay, catching up until it reaches the head.
        assertThat(admin("projections", "status", "product-image-cascade").out())
                .containsPattern("state:\\s+(running|catching up)");
    }

    @AfterEach
    void liftPoison() {
        ProjectionPoison.liftAll();
    }

    /** Deletes a product whose cascade is poisoned, and waits until the cascade has parked it. */
    private String parkedCascadeOf(String name) {
        int product = createProduct(unique(name), 5, null);
        createImage(product, "https://e.example.com/cli/" + product + ".png", 10);
        ProjectionPoison.poisonCascade(product);
        graphQl.documentName("deleteProduct").variable("productId", product).execute().errors().verify();
        String sequence = "product-" + product;
        await().atMost(Duration.ofSeconds(20)).until(() -> admin("dlq", "list", "product-image-cascade").out(),
                out -> out.contains(sequence));
        return sequence;
    }

    @Test
    void a_parked_event_is_listed_with_its_cause_then_retried_once_the_cause_is_fixed() {
        String sequence = parkedCascadeOf("CLI retried");

        AdminRun listed = admin("dlq", "list");
        ProjectionPoison.liftAll();
        AdminRun retried = admin("dlq", "retry", "product-image-cascade");

        assertThat(listed.status()).isZero();
        assertThat(listed.out()).contains(sequence + " #", "ProductDeletedEvent", "cause: ", "Test poison");
        assertThat(retried.status()).as(retried.err()).isZero();
        assertThat(retried.out()).containsPattern("[1-9]\\d* aggregate\\(s\\) recovered");
        assertThat(admin("dlq", "list").out()).doesNotContain(sequence);
    }

    @Test
    void a_parked_event_that_must_never_be_processed_is_evicted_by_its_id() {
        String sequence = parkedCascadeOf("CLI evicted");
        String id = null;
        for (JsonNode letter : JSON.readTree(admin("--json", "dlq", "list", "product-image-cascade").out())) {
            if (letter.get("sequence").asString().equals(sequence)) {
                id = letter.get("id").asString();
            }
        }

        AdminRun evicted = admin("dlq", "evict", id);
        AdminRun again = admin("dlq", "evict", id);

        assertThat(evicted.status()).as(evicted.err()).isZero();
        assertThat(evicted.out()).contains("evicted " + id);
        assertThat(admin("dlq", "list").out()).doesNotContain(sequence);
        assertThat(again.status()).isEqualTo(3);
        assertThat(again.err()).contains("no parked event with id " + id);
    }

    @Test
    void an_unreachable_service_or_a_wrong_command_line_fails_with_its_own_status() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        AdminRun unreachable = run("--url", "http://localhost:" + closed, "projections", "list");
        AdminRun wrong = admin("events", "replay");

        assertThat(unreachable.status()).isEqualTo(3);
        assertThat(unreachable.err()).contains("cannot reach");
        assertThat(wrong.status()).isEqualTo(2);
        assertThat(wrong.err()).contains("--to");
    }

    @Test
    void events_export_writes_the_stored_events_as_ndjson_in_position_order(@TempDir Path directory) throws Exception {
        int product = createProduct(unique("Exported"), 3, null);
        graphQl.documentName("updateProduct").variable("productId", product)
                .variable("input", productInput(unique("Exported"), 4, null)).execute().errors().verify();
        Path file = directory.resolve("product.ndjson");

        AdminRun export = admin("events", "export", "--aggregate", "product-" + product, "--out", file.toString());
        AdminRun toStandardOutput = admin("events", "export", "--aggregate", "product-" + product, "--out", "-");

        assertThat(export.status()).as(export.err()).isZero();
        assertThat(export.err()).contains("exported 2 events");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        JsonNode created = JSON.readTree(lines.get(0));
        JsonNode updated = JSON.readTree(lines.get(1));
        assertThat(created.get("type").asString()).isEqualTo("dev.catalog.events.product.ProductCreatedEvent");
        assertThat(created.get("aggregate").asString()).isEqualTo("product-" + product);
        assertThat(created.get("sequence").asInt()).isZero();
        assertThat(created.get("revision").asString()).isEqualTo("1");
        assertThat(created.get("payload").get("productId").asInt()).isEqualTo(product);
        assertThat(updated.get("position").asLong()).isGreaterThan(created.get("position").asLong());
        assertThat(toStandardOutput.out().lines().toList()).isEqualTo(lines);

        long position = created.get("position").asLong();
        Path one = directory.resolve("one.ndjson");
        admin("events", "export", "--from", String.valueOf(position), "--to", String.valueOf(position), "--out", one.toString());
        assertThat(Files.readAllLines(one)).containsExactly(lines.get(0));
    }

    @Test
    void events_tail_follows_the_store_live_one_line_per_event() throws Exception {
        var tail = java.util.concurrent.CompletableFuture.supplyAsync(() -> admin("events", "tail", "--count", "2", "--poll", "100"));
        Thread.sleep(1_500); // the tail starts at the head of the store
        int product = createProduct(unique("Tailed"), 3, null);
        graphQl.documentName("deleteProduct").variable("productId", product).execute().errors().verify();

        AdminRun followed = tail.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(followed.status()).as(followed.err()).isZero();
        assertThat(followed.out().lines().toList()).hasSize(2).satisfiesExactly(
                line -> assertThat(line).contains("product-" + product + " #0", "ProductCreatedEvent"),
                line -> assertThat(line).contains("product-" + product + " #1", "ProductDeletedEvent"));
    }

    @Test
    void projections_verify_finds_every_row_changed_behind_the_views_back_and_exits_1() {
        int changed = createProduct(unique("Verified changed"), 5, null);
        int removed = createProduct(unique("Verified removed"), 6, null);
        AdminRun clean = admin("projections", "verify", "product-view");
        try {
            jdbc.sql("UPDATE product_view SET price = price + 1 WHERE id = ?").param(changed).update();
            jdbc.sql("DELETE FROM product_view WHERE id = ?").param(removed).update();

            AdminRun dirty = admin("projections", "verify", "product-view");
            AdminRun json = admin("--json", "projections", "verify", "product-view");

            assertThat(clean.status()).as(clean.out() + clean.err()).isZero();
            assertThat(clean.out()).containsPattern("product-view: \\d+ events replayed; 0 row\\(s\\) differ");
            assertThat(dirty.status()).isEqualTo(1);
            assertThat(dirty.out()).contains("2 row(s) differ", "id " + changed, "id " + removed, "(missing)");
            JsonNode report = JSON.readTree(json.out());
            assertThat(report.get("differences").asInt()).isEqualTo(2);
            assertThat(report.at("/rows/0/live").asString()).contains("\"id\":" + changed);
            assertThat(report.at("/rows/0/live").asString()).contains("\"price\":6.00");
            assertThat(report.at("/rows/0/recomputed").asString()).contains("\"price\":5.00");
        } finally {
            rebuildTheViews();
        }
        assertThat(admin("projections", "verify", "product-view").status()).as("rebuilt from the events").isZero();
        assertThat(admin("projections", "verify", "image-view").status()).isZero();
    }

    private void rebuildTheViews() {
        for (String view : List.of("product-view", "image-view")) {
            AdminRun rebuilt = admin("projections", "rebuild", view, "--poll", "100");
            assertThat(rebuilt.status()).as(rebuilt.err()).isZero();
            assertThat(rebuilt.out()).contains(view + ": rebuilt from");
        }
    }

    @Test
    void every_command_has_its_help() {
        for (String[] command : List.of(new String[]{"--help"}, new String[]{"projections", "--help"},
                new String[]{"projections", "list", "--help"}, new String[]{"projections", "status", "--help"},
                new String[]{"events", "replay", "--help"}, new String[]{"events", "export", "--help"},
                new String[]{"events", "tail", "--help"}, new String[]{"projections", "verify", "--help"},
                new String[]{"projections", "rebuild", "--help"},
                new String[]{"dlq", "list", "--help"},
                new String[]{"dlq", "retry", "--help"}, new String[]{"dlq", "evict", "--help"})) {
            AdminRun help = run(command);
            assertThat(help.status()).as(String.join(" ", command)).isZero();
            assertThat(help.out()).as(String.join(" ", command)).contains("Usage: catalog-admin");
        }
    }
}
