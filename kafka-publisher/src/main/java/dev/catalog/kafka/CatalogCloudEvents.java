package dev.catalog.kafka;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.Locale;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;

/**
 * A stored domain event as a CloudEvent: {@code id} the event's identifier (the same on every re-delivery),
 * {@code type} {@code dev.catalog.<aggregate>.<change>.v<revision>} (e.g. {@code dev.catalog.product.created.v1}),
 * {@code source}, {@code subject} the aggregate ({@code product/123}), {@code time} when it was stored,
 * {@code sequence} its number in the aggregate's history (0 first), and the payload as JSON, exactly as stored.
 */
final class CatalogCloudEvents {

    static final String JSON = "application/json";

    private final URI source;
    private final Serializer serializer;

    CatalogCloudEvents(URI source, Serializer serializer) {
        this.source = source;
        this.serializer = serializer;
    }

    CloudEvent of(DomainEventMessage<?> message) {
        return CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withType(type(message.getPayloadType(), message.getType()))
                .withSource(source)
                .withSubject(subject(message.getAggregateIdentifier()))
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withExtension("sequence", String.valueOf(message.getSequenceNumber()))
                .withDataContentType(JSON)
                .withData(message.serializePayload(serializer, byte[].class).getData())
                .build();
    }

    /**
     * The event's stable type name: {@code ProductCreatedEvent} of aggregate {@code Product} at revision 1 is
     * {@code dev.catalog.product.created.v1}.
     */
    static String type(Class<?> payloadType, String aggregateType) {
        String name = payloadType.getSimpleName();
        if (!name.startsWith(aggregateType) || !name.endsWith("Event")) {
            throw new IllegalArgumentException(name + " is not named <aggregate><change>Event for aggregate " + aggregateType);
        }
        String change = name.substring(aggregateType.length(), name.length() - "Event".length());
        Revision revision = payloadType.getAnnotation(Revision.class);
        return "dev.catalog." + aggregateType.toLowerCase(Locale.ROOT) + "." + change.toLowerCase(Locale.ROOT)
                + ".v" + (revision == null ? "0" : revision.value());
    }

    /** The aggregate as a CloudEvents subject and record key: aggregate id {@code product-123} is {@code product/123}. */
    static String subject(String aggregateIdentifier) {
        int dash = aggregateIdentifier.indexOf('-');
        return dash < 0 ? aggregateIdentifier
                : aggregateIdentifier.substring(0, dash) + "/" + aggregateIdentifier.substring(dash + 1);
    }
}
