package dev.catalog.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.ProductUpdatedEvent;
import io.cloudevents.CloudEvent;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the CloudEvent of every event: consumers dispatch on {@code type} and key on {@code subject}, so a change
 * here breaks them. A new event revision gets a new type ({@code .v2}), never a changed one.
 */
class CatalogCloudEventsTest {

    private static final CatalogCloudEvents CLOUD_EVENTS =
            new CatalogCloudEvents(URI.create("/catalog"), Jackson3Serializer.builder().build());

    static Stream<Arguments> types() {
        return Stream.of(
                Arguments.of(ProductCreatedEvent.class, "Product", "dev.catalog.product.created.v1"),
                Arguments.of(ProductUpdatedEvent.class, "Product", "dev.catalog.product.updated.v1"),
                Arguments.of(ProductDeletedEvent.class, "Product", "dev.catalog.product.deleted.v1"),
                Arguments.of(ImageCreatedEvent.class, "Image", "dev.catalog.image.created.v1"),
                Arguments.of(ImageUpdatedEvent.class, "Image", "dev.catalog.image.updated.v1"),
                Arguments.of(ImageDeletedEvent.class, "Image", "dev.catalog.image.deleted.v1"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("types")
    void each_event_has_a_stable_type_named_after_its_aggregate_change_and_revision(Class<?> event, String aggregate,
                                                                                  String type) {
        assertThat(CatalogCloudEvents.type(event, aggregate)).isEqualTo(type);
    }

    @Test
    void an_event_not_named_after_its_aggregate_is_refused_rather_than_given_a_made_up_type() {
        assertThatThrownBy(() -> CatalogCloudEvents.type(ImageCreatedEvent.class, "Product"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ImageCreatedEvent");
    }

    @Test
    void the_envelope_carries_the_stored_event_as_it_is() {
        Instant stored = Instant.parse("2026-11-27T10:15:30.123Z");
        var message = new GenericDomainEventMessage<>("Product", "product-7", 2,
                new ProductUpdatedEvent(ProductId.of(7), "Desk lamp", new BigDecimal("19.90"), ProductStatus.ACTIVE),
                MetaData.emptyInstance(), "5f2b7c1e-0000-4000-8000-000000000001", stored);

        CloudEvent event = CLOUD_EVENTS.of(message);

        assertThat(event.getId()).isEqualTo("5f2b7c1e-0000-4000-8000-000000000001");
        assertThat(event.getType()).isEqualTo("dev.catalog.product.updated.v1");
        assertThat(event.getSource()).isEqualTo(URI.create("/catalog"));
        assertThat(event.getSubject()).isEqualTo("product/7");
        assertThat(event.getTime()).isEqualTo(OffsetDateTime.of(2026, 11, 27, 10, 15, 30, 123_000_000, ZoneOffset.UTC));
        assertThat(event.getExtension("sequence")).isEqualTo("2");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"productId\":7,\"name\":\"Desk lamp\",\"price\":19.90,\"status\":\"ACTIVE\"}");
    }

    @Test
    void an_image_is_keyed_by_its_own_id() {
        assertThat(CatalogCloudEvents.subject("image-45")).isEqualTo("image/45");
        assertThat(CatalogCloudEvents.subject(ImageId.of(45).toString())).isEqualTo("image/45");
    }
}
