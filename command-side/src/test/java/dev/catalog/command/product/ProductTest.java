package dev.catalog.command.product;

import static dev.catalog.command.testing.Rejections.rejected;
import static dev.catalog.events.common.CommandRejectedException.Reason.CONFLICT;
import static dev.catalog.events.common.CommandRejectedException.Reason.INVALID_INPUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.command.infrastructure.CachedCommandTargetResolver;
import dev.catalog.command.infrastructure.JdbcProductRegistry;
import dev.catalog.platform.testing.TestDatabase;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.product.CreateProductCommand;
import dev.catalog.events.product.DeleteProductCommand;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductState;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.events.product.UpdateProductCommand;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every rule of {@link Product}, on the real JDBC adapters over an embedded PostgreSQL. */
class ProductTest {

    private static final DataSource DATABASE = TestDatabase.migratedDatabase("product_test", TestDatabase.COMMAND_MIGRATIONS);
    private static final ProductId EXISTING = ProductId.of(7);
    private static final BigDecimal TEN = new BigDecimal("10.00");
    /** Times with nanoseconds, as events get them when applied; results carry them to the millisecond. */
    private static final Instant CREATED = Instant.parse("2026-11-27T10:15:30.123456789Z");
    private static final Instant UPDATED = Instant.parse("2026-11-27T10:20:00.987654321Z");

    private final JdbcClient jdbc = JdbcClient.create(DATABASE);
    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        jdbc.sql("TRUNCATE product_registry, image_registry").update();
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerCommandTargetResolver(new CachedCommandTargetResolver());
        fixture.registerInjectableResource(new JdbcProductRegistry(DATABASE));
    }

    // --- creation

    @Test
    void a_valid_product_is_created_with_a_trimmed_name_a_price_of_scale_two_and_status_active() {
        ProductId id = nextProductId();
        fixture.givenCurrentTime(CREATED)
                .when(new CreateProductCommand("  Desk lamp \t", new BigDecimal("19.9"), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductCreatedEvent(id, "Desk lamp", new BigDecimal("19.90"), ProductStatus.ACTIVE))
                .expectResultMessagePayload(new ProductState(id, "Desk lamp", new BigDecimal("19.90"), ProductStatus.ACTIVE,
                        1, millis("2026-11-27T10:15:30.123Z"), millis("2026-11-27T10:15:30.123Z")));
        assertThat(nameKeyOf(id)).contains("desk lamp");
    }

    @Test
    void an_inactive_product_keeps_its_status() {
        ProductId id = nextProductId();
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand("Desk lamp", TEN, ProductStatus.INACTIVE))
                .expectEvents(new ProductCreatedEvent(id, "Desk lamp", TEN, ProductStatus.INACTIVE));
    }

    @Test
    void a_created_product_is_at_version_one() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand("Desk lamp", TEN, null))
                .expectSuccessfulHandlerExecution()
                .expectState(product -> assertThat(product).extracting("version").isEqualTo(1L));
    }

    @Test
    void a_missing_name_is_rejected() {
        expectRejectedCreation(new CreateProductCommand(null, TEN, null), INVALID_INPUT, "name");
    }

    @Test
    void a_product_name_shorter_than_three_characters_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("ab", TEN, null), INVALID_INPUT, "name");
    }

    @Test
    void a_name_that_is_short_once_trimmed_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("   ab   ", TEN, null), INVALID_INPUT, "name");
    }

    @Test
    void a_name_with_a_nul_or_a_line_break_inside_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("Desk\u0000lamp", TEN, null), INVALID_INPUT, "name");
        expectRejectedCreation(new CreateProductCommand("Desk\nlamp", TEN, null), INVALID_INPUT, "name");
    }

    @Test
    void a_product_name_longer_than_five_hundred_characters_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("x".repeat(501), TEN, null), INVALID_INPUT, "name");
    }

    @Test
    void a_product_name_of_exactly_five_hundred_characters_is_accepted() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand("x".repeat(500), TEN, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void name_length_counts_code_points_so_three_emoji_are_a_valid_name() {
        String threeEmoji = "\uD83D\uDCA1\uD83D\uDCA1\uD83D\uDCA1"; // six UTF-16 chars, three code points
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand(threeEmoji, TEN, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void five_hundred_emoji_are_a_valid_name_although_they_are_a_thousand_utf16_chars() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand("\uD83D\uDCA1".repeat(500), TEN, null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_name_taken_by_another_product_is_rejected_whatever_its_case() {
        claimName(ProductId.of(1000), "Desk lamp");
        expectRejectedCreation(new CreateProductCommand(" DESK LAMP ", TEN, null), CONFLICT, "name");
    }

    @Test
    void a_missing_price_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("Desk lamp", null, null), INVALID_INPUT, "price");
    }

    @Test
    void a_negative_price_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("Desk lamp", new BigDecimal("-0.01"), null), INVALID_INPUT, "price");
    }

    @Test
    void a_price_with_three_decimal_places_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("Desk lamp", new BigDecimal("1.005"), null), INVALID_INPUT, "price");
    }

    @Test
    void trailing_zeros_beyond_two_decimal_places_are_accepted_and_dropped() {
        ProductId id = nextProductId();
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand("Desk lamp", new BigDecimal("1.5000"), null))
                .expectEvents(new ProductCreatedEvent(id, "Desk lamp", new BigDecimal("1.50"), ProductStatus.ACTIVE));
    }

    @Test
    void a_price_above_ten_to_the_twelfth_is_rejected() {
        expectRejectedCreation(new CreateProductCommand("Desk lamp", new BigDecimal("1000000000000.01"), null),
                INVALID_INPUT, "price");
    }

    @Test
    void a_price_of_zero_and_a_price_of_ten_to_the_twelfth_are_accepted() {
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand("Free lamp", BigDecimal.ZERO, null))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(new CreateProductCommand("Golden lamp", new BigDecimal("1E+12"), null))
                .expectSuccessfulHandlerExecution();
    }

    // --- update

    @Test
    void an_update_at_the_expected_version_applies_the_new_state_and_returns_the_product_as_it_now_is() {
        fixture.givenCurrentTime(CREATED)
                .andGiven(created("Desk lamp"))
                .andGivenCurrentTime(UPDATED)
                .when(new UpdateProductCommand(EXISTING, " Floor lamp ", new BigDecimal("25"), ProductStatus.INACTIVE, 1L))
                .expectEvents(new ProductUpdatedEvent(EXISTING, "Floor lamp", new BigDecimal("25.00"), ProductStatus.INACTIVE))
                .expectResultMessagePayload(new ProductState(EXISTING, "Floor lamp", new BigDecimal("25.00"),
                        ProductStatus.INACTIVE, 2, millis("2026-11-27T10:15:30.123Z"), millis("2026-11-27T10:20:00.987Z")));
        assertThat(nameKeyOf(EXISTING)).contains("floor lamp");
    }

    @Test
    void an_update_without_expected_version_is_applied_whatever_the_version() {
        fixture.given(created("Desk lamp"), updated("Desk lamp"), updated("Desk lamp"))
                .when(new UpdateProductCommand(EXISTING, "Desk lamp", TEN, null, null))
                .expectEvents(new ProductUpdatedEvent(EXISTING, "Desk lamp", TEN, ProductStatus.ACTIVE))
                .expectResultMessagePayloadMatching(versionIs(4));
    }

    @Test
    void an_update_at_a_stale_version_is_a_conflict_on_expected_version() {
        fixture.given(created("Desk lamp"), updated("Desk lamp"))
                .when(new UpdateProductCommand(EXISTING, "Desk lamp", TEN, null, 1L))
                .expectNoEvents()
                .expectException(rejected(CONFLICT, "expectedVersion"))
                .expectExceptionMessage("The product was changed meanwhile: expected version 1 but product 7 is at version 2.");
    }

    @Test
    void an_update_to_a_name_taken_by_another_product_is_a_conflict() {
        claimName(ProductId.of(1000), "Floor lamp");
        fixture.given(created("Desk lamp"))
                .when(new UpdateProductCommand(EXISTING, "floor LAMP", TEN, null, null))
                .expectNoEvents()
                .expectException(rejected(CONFLICT, "name"));
    }

    @Test
    void a_product_may_change_the_case_of_its_own_name() {
        claimName(EXISTING, "Desk lamp");
        fixture.given(created("Desk lamp"))
                .when(new UpdateProductCommand(EXISTING, "DESK LAMP", TEN, null, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductUpdatedEvent(EXISTING, "DESK LAMP", TEN, ProductStatus.ACTIVE));
    }

    @Test
    void an_update_that_changes_nothing_still_applies_an_event_and_bumps_the_version() {
        fixture.given(created("Desk lamp"))
                .when(new UpdateProductCommand(EXISTING, "Desk lamp", TEN, ProductStatus.ACTIVE, 1L))
                .expectEvents(new ProductUpdatedEvent(EXISTING, "Desk lamp", TEN, ProductStatus.ACTIVE))
                .expectResultMessagePayloadMatching(versionIs(2));
    }

    @Test
    void an_update_breaking_a_rule_is_rejected_on_the_field_at_fault() {
        fixture.given(created("Desk lamp"))
                .when(new UpdateProductCommand(EXISTING, "Desk lamp", new BigDecimal("-1"), null, null))
                .expectNoEvents()
                .expectException(rejected(INVALID_INPUT, "price"));
    }

    // --- deletion

    @Test
    void a_deletion_frees_the_name_and_returns_the_version_of_the_deletion() {
        claimName(EXISTING, "Desk lamp");
        fixture.given(created("Desk lamp"))
                .when(new DeleteProductCommand(EXISTING, 1L))
                .expectEvents(new ProductDeletedEvent(EXISTING))
                .expectResultMessagePayload(2L)
                .expectMarkedDeleted();
        assertThat(nameKeyOf(EXISTING)).isEmpty();
    }

    @Test
    void a_deletion_at_a_stale_version_is_a_conflict() {
        fixture.given(created("Desk lamp"), updated("Desk lamp"))
                .when(new DeleteProductCommand(EXISTING, 1L))
                .expectNoEvents()
                .expectException(rejected(CONFLICT, "expectedVersion"));
    }

    @Test
    void a_deleted_product_cannot_be_updated() {
        fixture.given(created("Desk lamp"), new ProductDeletedEvent(EXISTING))
                .when(new UpdateProductCommand(EXISTING, "Desk lamp", TEN, null, null))
                .expectException(AggregateDeletedException.class);
    }

    @Test
    void a_deleted_product_cannot_be_deleted_again() {
        fixture.given(created("Desk lamp"), new ProductDeletedEvent(EXISTING))
                .when(new DeleteProductCommand(EXISTING, null))
                .expectException(AggregateDeletedException.class);
    }

    // --- helpers

    private void expectRejectedCreation(CreateProductCommand command, CommandRejectedException.Reason reason, String field) {
        long registryRows = registryRows();
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(rejected(reason, field));
        assertThat(registryRows()).as("registry rows after a refused creation").isEqualTo(registryRows);
    }

    private static ProductCreatedEvent created(String name) {
        return new ProductCreatedEvent(EXISTING, name, TEN, ProductStatus.ACTIVE);
    }

    private static ProductUpdatedEvent updated(String name) {
        return new ProductUpdatedEvent(EXISTING, name, TEN, ProductStatus.ACTIVE);
    }

    private static Instant millis(String instant) {
        return Instant.parse(instant);
    }

    private static Matcher<Object> versionIs(long version) {
        return Matchers.predicate(result -> result instanceof ProductState state && state.version() == version);
    }

    /** The id the sequence hands out next; this class has the database to itself. */
    private ProductId nextProductId() {
        return ProductId.of(jdbc.sql("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM product_id_seq")
                .query(Long.class).single());
    }

    private void claimName(ProductId id, String name) {
        new JdbcProductRegistry(DATABASE).claim(id, name);
    }

    private Optional<String> nameKeyOf(ProductId id) {
        return jdbc.sql("SELECT name_key FROM product_registry WHERE product_id = ?").param(id.value()).query(String.class).optional();
    }

    private long registryRows() {
        return jdbc.sql("SELECT count(*) FROM product_registry").query(Long.class).single();
    }
}
