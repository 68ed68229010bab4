package dev.catalog.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageFile;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductStatus;
import dev.catalog.events.product.ProductUpdatedEvent;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

/**
 * Pins the stored JSON form of every event. Events live in the event store for ever: if one of
 * these tests fails, the change breaks stored events. Do not update the pinned JSON; add a new
 * {@code @Revision} and an upcaster instead.
 *
 * <p>Ids are plain numbers ({@code @JsonValue}), prices JSON numbers that keep their scale of 2, and
 * properties come in record component order. The mapper is the one Axon's {@link Jackson3Serializer} builds by default, which is what
 * {@code axon.serializer.events=jackson3} uses when no {@code Jackson3SerializerCustomizer} bean exists.
 */
class EventJsonSnapshotTest {

    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder().build();
    private static final ObjectMapper MAPPER = SERIALIZER.getObjectMapper();

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of(new ProductCreatedEvent(ProductId.of(7), "Desk lamp", new BigDecimal("19.90"), ProductStatus.ACTIVE),
                        """
                        {"productId":7,"name":"Desk lamp","price":19.90,"status":"ACTIVE"}"""),
                Arguments.of(new ProductUpdatedEvent(ProductId.of(7), "Floor lamp", new BigDecimal("1000000000000.00"), ProductStatus.INACTIVE),
                        """
                        {"productId":7,"name":"Floor lamp","price":1000000000000.00,"status":"INACTIVE"}"""),
                Arguments.of(new ProductDeletedEvent(ProductId.of(7)),
                        """
                        {"productId":7}"""),
                Arguments.of(new ImageCreatedEvent(ImageId.of(3), ProductId.of(7), "https://img.example.com/lamp.png", 100),
                        """
                        {"imageId":3,"productId":7,"url":"https://img.example.com/lamp.png","priority":100}"""),
                Arguments.of(new ImageCreatedEvent(ImageId.of(4), ProductId.of(7), "https://shop.example.com/files/"
                                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png", 100,
                                new ImageFile("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png",
                                        "image/png", 2048, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                                        640, 480)),
                        """
                        {"imageId":4,"productId":7,"url":"https://shop.example.com/files/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png","priority":100,\
                        "file":{"key":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png","contentType":"image/png",\
                        "byteSize":2048,"sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","width":640,"height":480}}"""),
                Arguments.of(new ImageUpdatedEvent(ImageId.of(3), ProductId.of(8), ProductId.of(7), "https://img.example.com/lamp.png", 0),
                        """
                        {"imageId":3,"productId":8,"previousProductId":7,"url":"https://img.example.com/lamp.png","priority":0}"""),
                Arguments.of(new ImageDeletedEvent(ImageId.of(3), ProductId.of(7)),
                        """
                        {"imageId":3,"productId":7}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void an_event_serializes_to_its_pinned_json(Object event, String json) {
        assertThat(MAPPER.writeValueAsString(event)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void the_pinned_json_deserializes_to_an_equal_event(Object event, String json) {
        assertThat(MAPPER.readValue(json, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void an_event_round_trips_through_axons_serializer_with_revision_one(Object event, String json) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(event, byte[].class);

        assertThat(serialized.getType().getName()).isEqualTo(event.getClass().getName());
        assertThat(serialized.getType().getRevision()).isEqualTo("1");
        Object back = SERIALIZER.deserialize(serialized);
        assertThat(back).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void an_unknown_property_added_by_a_later_version_is_ignored(Object event, String json) {
        String withExtra = json.substring(0, json.length() - 1) + ",\"addedLater\":true}";
        assertThat(MAPPER.readValue(withExtra, event.getClass())).isEqualTo(event);
    }
}
