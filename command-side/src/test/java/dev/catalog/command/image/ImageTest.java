package dev.catalog.command.image;

import static dev.catalog.command.testing.Rejections.rejected;
import static dev.catalog.events.common.CommandRejectedException.Reason.CONFLICT;
import static dev.catalog.events.common.CommandRejectedException.Reason.INVALID_INPUT;
import static dev.catalog.events.common.CommandRejectedException.Reason.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.command.infrastructure.CachedCommandTargetResolver;
import dev.catalog.command.infrastructure.JdbcImageRegistry;
import dev.catalog.command.infrastructure.JdbcProductRegistry;
import dev.catalog.platform.testing.TestDatabase;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.CreateImageCommand;
import dev.catalog.events.image.DeleteImageCommand;
import dev.catalog.events.image.DeleteImageOfDeletedProductCommand;
import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageFile;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageState;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.image.UpdateImageCommand;
import dev.catalog.events.product.ProductId;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every rule of {@link Image}, on the real JDBC adapters over an embedded PostgreSQL. */
class ImageTest {

    private static final DataSource DATABASE = TestDatabase.migratedDatabase("image_test", TestDatabase.COMMAND_MIGRATIONS);
    private static final ProductId LAMP = ProductId.of(1);
    private static final ProductId DESK = ProductId.of(2);
    private static final ProductId MISSING = ProductId.of(999);
    private static final ImageId EXISTING = ImageId.of(5);
    private static final String URL = "https://img.example.com/lamp.png";
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final ImageFile FILE = new ImageFile(SHA256 + ".jpg", "image/jpeg", 52_000, SHA256, 800, 600);
    private static final String FILE_URL = "https://shop.example.com/files/" + SHA256 + ".jpg";
    /** Times with nanoseconds, as events get them when applied; results carry them to the millisecond. */
    private static final Instant CREATED = Instant.parse("2026-11-27T10:15:30.123456789Z");
    private static final Instant UPDATED = Instant.parse("2026-11-27T10:20:00.987654321Z");

    private final JdbcClient jdbc = JdbcClient.create(DATABASE);
    private final JdbcImageRegistry registry = new JdbcImageRegistry(DATABASE);
    private FixtureConfiguration<Image> fixture;

    @BeforeEach
    void setUp() {
        jdbc.sql("TRUNCATE product_registry, image_registry").update();
        var products = new JdbcProductRegistry(DATABASE);
        products.claim(LAMP, "Lamp");
        products.claim(DESK, "Desk");
        fixture = new AggregateTestFixture<>(Image.class);
        fixture.registerCommandTargetResolver(new CachedCommandTargetResolver());
        fixture.registerInjectableResource(products);
        fixture.registerInjectableResource(registry);
    }

    // --- creation

    @Test
    void a_valid_image_is_created_with_a_trimmed_url_and_priority_one_hundred_by_default() {
        ImageId id = nextImageId();
        fixture.givenCurrentTime(CREATED)
                .when(new CreateImageCommand("  " + URL + " ", null, LAMP))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ImageCreatedEvent(id, LAMP, URL, 100))
                .expectResultMessagePayload(new ImageState(id, LAMP, URL, 100, 1,
                        Instant.parse("2026-11-27T10:15:30.123Z"), Instant.parse("2026-11-27T10:15:30.123Z"), null))
                .expectState(image -> assertThat(image).extracting("version").isEqualTo(1L));
        assertThat(registeredUrl(id)).contains(URL);
    }

    @Test
    void an_uploaded_image_records_its_files_metadata_in_the_event_and_returns_it() {
        ImageId id = nextImageId();
        fixture.givenCurrentTime(CREATED)
                .when(new CreateImageCommand(FILE_URL, 5, LAMP, FILE))
                .expectEvents(new ImageCreatedEvent(id, LAMP, FILE_URL, 5, FILE))
                .expectResultMessagePayload(new ImageState(id, LAMP, FILE_URL, 5, 1,
                        Instant.parse("2026-11-27T10:15:30.123Z"), Instant.parse("2026-11-27T10:15:30.123Z"), FILE));
    }

    @Test
    void an_update_that_keeps_an_uploaded_images_url_keeps_its_file() {
        fixture.givenCurrentTime(CREATED)
                .andGiven(new ImageCreatedEvent(EXISTING, LAMP, FILE_URL, 100, FILE))
                .andGivenCurrentTime(UPDATED)
                .when(new UpdateImageCommand(EXISTING, FILE_URL, 10, LAMP, null))
                .expectResultMessagePayload(new ImageState(EXISTING, LAMP, FILE_URL, 10, 2,
                        Instant.parse("2026-11-27T10:15:30.123Z"), Instant.parse("2026-11-27T10:20:00.987Z"), FILE));
    }

    @Test
    void an_update_that_changes_an_uploaded_images_url_drops_its_file() {
        fixture.givenCurrentTime(CREATED)
                .andGiven(new ImageCreatedEvent(EXISTING, LAMP, FILE_URL, 100, FILE))
                .andGivenCurrentTime(UPDATED)
                .when(new UpdateImageCommand(EXISTING, URL, 10, LAMP, null))
                .expectResultMessagePayload(new ImageState(EXISTING, LAMP, URL, 10, 2,
                        Instant.parse("2026-11-27T10:15:30.123Z"), Instant.parse("2026-11-27T10:20:00.987Z"), null));
    }

    @Test
    void priorities_zero_and_one_hundred_are_accepted() {
        fixture.givenNoPriorActivity().when(new CreateImageCommand(URL, 0, LAMP)).expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity().when(new CreateImageCommand(URL + "?2", 100, LAMP)).expectSuccessfulHandlerExecution();
    }

    @Test
    void a_negative_priority_is_rejected() {
        expectRejectedCreation(new CreateImageCommand(URL, -1, LAMP), INVALID_INPUT, "priority");
    }

    @Test
    void a_priority_above_one_hundred_is_rejected() {
        expectRejectedCreation(new CreateImageCommand(URL, 101, LAMP), INVALID_INPUT, "priority");
    }

    @Test
    void a_missing_url_is_rejected() {
        expectRejectedCreation(new CreateImageCommand(null, null, LAMP), INVALID_INPUT, "url");
    }

    @Test
    void a_blank_url_is_rejected() {
        expectRejectedCreation(new CreateImageCommand(" \t ", null, LAMP), INVALID_INPUT, "url");
    }

    @Test
    void a_relative_url_is_rejected() {
        expectRejectedCreation(new CreateImageCommand("/images/lamp.png", null, LAMP), INVALID_INPUT, "url");
    }

    @Test
    void a_url_with_another_scheme_than_http_or_https_is_rejected() {
        expectRejectedCreation(new CreateImageCommand("ftp://img.example.com/lamp.png", null, LAMP), INVALID_INPUT, "url");
        expectRejectedCreation(new CreateImageCommand("javascript:alert(1)", null, LAMP), INVALID_INPUT, "url");
    }

    @Test
    void a_url_without_host_is_rejected() {
        expectRejectedCreation(new CreateImageCommand("https:///lamp.png", null, LAMP), INVALID_INPUT, "url");
    }

    @Test
    void a_url_that_is_not_a_uri_is_rejected() {
        expectRejectedCreation(new CreateImageCommand("https://img.example.com/a lamp.png", null, LAMP), INVALID_INPUT, "url");
    }

    @Test
    void a_url_of_two_thousand_forty_eight_characters_is_accepted_and_one_more_is_rejected() {
        String prefix = "https://img.example.com/";
        String longest = prefix + "a".repeat(2048 - prefix.length());
        fixture.givenNoPriorActivity().when(new CreateImageCommand(longest, null, LAMP)).expectSuccessfulHandlerExecution();
        expectRejectedCreation(new CreateImageCommand(longest + "a", null, LAMP), INVALID_INPUT, "url");
    }

    @Test
    void an_uppercase_scheme_is_accepted() {
        fixture.givenNoPriorActivity().when(new CreateImageCommand("HTTP://img.example.com/a.png", null, LAMP))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_missing_product_id_is_rejected() {
        expectRejectedCreation(new CreateImageCommand(URL, null, null), INVALID_INPUT, "productId");
    }

    @Test
    void an_image_of_an_unknown_product_is_not_found_on_product_id() {
        expectRejectedCreation(new CreateImageCommand(URL, null, MISSING), NOT_FOUND, "productId");
    }

    @Test
    void an_image_of_a_deleted_product_is_not_found_on_product_id() {
        new JdbcProductRegistry(DATABASE).release(DESK);
        expectRejectedCreation(new CreateImageCommand(URL, null, DESK), NOT_FOUND, "productId");
    }

    @Test
    void a_url_the_product_already_has_is_a_conflict() {
        registry.claim(ImageId.of(1000), LAMP, URL);
        expectRejectedCreation(new CreateImageCommand(" " + URL, null, LAMP), CONFLICT, "url");
    }

    @Test
    void the_same_url_on_another_product_is_accepted() {
        registry.claim(ImageId.of(1000), DESK, URL);
        fixture.givenNoPriorActivity().when(new CreateImageCommand(URL, null, LAMP)).expectSuccessfulHandlerExecution();
    }

    // --- update

    @Test
    void an_update_may_move_the_image_to_another_product_and_returns_the_image_as_it_now_is() {
        fixture.givenCurrentTime(CREATED)
                .andGiven(created())
                .andGivenCurrentTime(UPDATED)
                .when(new UpdateImageCommand(EXISTING, URL + "?v=2", 10, DESK, 1L))
                .expectEvents(new ImageUpdatedEvent(EXISTING, DESK, LAMP, URL + "?v=2", 10))
                .expectResultMessagePayload(new ImageState(EXISTING, DESK, URL + "?v=2", 10, 2,
                        Instant.parse("2026-11-27T10:15:30.123Z"), Instant.parse("2026-11-27T10:20:00.987Z"), null));
        assertThat(registeredUrl(EXISTING)).contains(URL + "?v=2");
        assertThat(jdbc.sql("SELECT product_id FROM image_registry WHERE image_id = 5").query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void an_update_within_the_same_product_carries_it_as_previous_product() {
        fixture.given(created())
                .when(new UpdateImageCommand(EXISTING, URL, null, LAMP, null))
                .expectEvents(new ImageUpdatedEvent(EXISTING, LAMP, LAMP, URL, 100))
                .expectResultMessagePayloadMatching(Matchers.predicate(result ->
                        result instanceof ImageState state && state.version() == 2 && state.productId().equals(LAMP)));
    }

    @Test
    void after_a_move_the_image_belongs_to_its_new_product() {
        fixture.given(created(), new ImageUpdatedEvent(EXISTING, DESK, LAMP, URL, 50))
                .when(new DeleteImageCommand(EXISTING, 2L))
                .expectEvents(new ImageDeletedEvent(EXISTING, DESK));
    }

    @Test
    void an_update_to_an_unknown_product_is_not_found_on_product_id() {
        fixture.given(created())
                .when(new UpdateImageCommand(EXISTING, URL, null, MISSING, null))
                .expectNoEvents()
                .expectException(rejected(NOT_FOUND, "productId"));
    }

    @Test
    void an_update_to_a_url_another_image_of_the_product_has_is_a_conflict() {
        registry.claim(ImageId.of(1000), DESK, URL);
        fixture.given(created())
                .when(new UpdateImageCommand(EXISTING, URL, null, DESK, null))
                .expectNoEvents()
                .expectException(rejected(CONFLICT, "url"));
    }

    @Test
    void an_update_at_a_stale_version_is_a_conflict_on_expected_version() {
        fixture.given(created(), new ImageUpdatedEvent(EXISTING, LAMP, LAMP, URL, 1))
                .when(new UpdateImageCommand(EXISTING, URL, null, LAMP, 1L))
                .expectNoEvents()
                .expectException(rejected(CONFLICT, "expectedVersion"))
                .expectExceptionMessage("The image was changed meanwhile: expected version 1 but image 5 is at version 2.");
    }

    @Test
    void an_update_breaking_a_rule_is_rejected_on_the_field_at_fault() {
        fixture.given(created())
                .when(new UpdateImageCommand(EXISTING, URL, 500, LAMP, null))
                .expectNoEvents()
                .expectException(rejected(INVALID_INPUT, "priority"));
    }

    // --- deletion

    @Test
    void a_deletion_forgets_the_url_and_returns_the_version_of_the_deletion() {
        registry.claim(EXISTING, LAMP, URL);
        fixture.given(created())
                .when(new DeleteImageCommand(EXISTING, 1L))
                .expectEvents(new ImageDeletedEvent(EXISTING, LAMP))
                .expectResultMessagePayload(2L)
                .expectMarkedDeleted();
        assertThat(registeredUrl(EXISTING)).isEmpty();
    }

    @Test
    void a_deletion_at_a_stale_version_is_a_conflict() {
        fixture.given(created())
                .when(new DeleteImageCommand(EXISTING, 7L))
                .expectNoEvents()
                .expectException(rejected(CONFLICT, "expectedVersion"));
    }

    @Test
    void the_cascade_of_its_products_deletion_deletes_an_image_still_on_that_product() {
        registry.claim(EXISTING, LAMP, URL);
        fixture.given(created())
                .when(new DeleteImageOfDeletedProductCommand(EXISTING, LAMP))
                .expectEvents(new ImageDeletedEvent(EXISTING, LAMP))
                .expectResultMessagePayload(2L)
                .expectMarkedDeleted();
        assertThat(registeredUrl(EXISTING)).isEmpty();
    }

    @Test
    void the_cascade_of_a_products_deletion_leaves_an_image_moved_to_another_product() {
        registry.claim(EXISTING, DESK, URL);
        fixture.given(created(), new ImageUpdatedEvent(EXISTING, DESK, LAMP, URL, 100))
                .when(new DeleteImageOfDeletedProductCommand(EXISTING, LAMP))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
        assertThat(registeredUrl(EXISTING)).contains(URL);
    }

    @Test
    void a_deleted_image_cannot_be_updated() {
        fixture.given(created(), new ImageDeletedEvent(EXISTING, LAMP))
                .when(new UpdateImageCommand(EXISTING, URL, null, LAMP, null))
                .expectException(AggregateDeletedException.class);
    }

    // --- helpers

    private void expectRejectedCreation(CreateImageCommand command, CommandRejectedException.Reason reason, String field) {
        long rows = jdbc.sql("SELECT count(*) FROM image_registry").query(Long.class).single();
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(rejected(reason, field));
        assertThat(jdbc.sql("SELECT count(*) FROM image_registry").query(Long.class).single())
                .as("registry rows after a refused creation").isEqualTo(rows);
    }

    private static ImageCreatedEvent created() {
        return new ImageCreatedEvent(EXISTING, LAMP, URL, 100);
    }

    private ImageId nextImageId() {
        return ImageId.of(jdbc.sql("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM image_id_seq")
                .query(Long.class).single());
    }

    private Optional<String> registeredUrl(ImageId id) {
        return jdbc.sql("SELECT url FROM image_registry WHERE image_id = ?").param(id.value()).query(String.class).optional();
    }
}
