package dev.catalog.command.restore;

import dev.catalog.command.image.ImageUrls;
import dev.catalog.command.product.ProductNames;
import dev.catalog.events.common.CommandRejectedException;
import dev.catalog.events.image.ImageCreatedEvent;
import dev.catalog.events.image.ImageDeletedEvent;
import dev.catalog.events.image.ImageId;
import dev.catalog.events.image.ImageUpdatedEvent;
import dev.catalog.events.product.ProductCreatedEvent;
import dev.catalog.events.product.ProductDeletedEvent;
import dev.catalog.events.product.ProductId;
import dev.catalog.events.product.ProductUpdatedEvent;
import dev.catalog.events.restore.EventImportSummary;
import dev.catalog.events.restore.ImportStagedEventsCommand;
import dev.catalog.events.restore.ImportedEvent;
import dev.catalog.events.restore.StageImportedEventsCommand;
import dev.catalog.platform.eventstore.EventStoreTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Restores the event store from an export: pages of events are checked and staged ({@code event_import}), then
 * stored together, as they were (positions, identifiers, timestamps, metadata), in one transaction that also
 * rebuilds the registries of the set-based checks (ADR 3) and the id sequences from them. Both steps run in the
 * command's transaction: a refused page or import changes nothing.
 *
 * <p>The events are written straight into the store's table, not appended through Axon, so that they keep their
 * positions: the inline view projections do not see them, and the caller rebuilds the views afterwards.
 */
public class EventImport {

    private static final Set<Class<?>> EVENTS = Set.of(ProductCreatedEvent.class, ProductUpdatedEvent.class,
            ProductDeletedEvent.class, ImageCreatedEvent.class, ImageUpdatedEvent.class, ImageDeletedEvent.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final EventStoreTable store;
    private final NamedParameterJdbcTemplate batch;
    private final Serializer serializer;
    private final ProductNames names;
    private final ImageUrls urls;
    private final Runnable sequencesMoved;

    /**
     * @param sequencesMoved told when the import moved the id sequences on, so that ids taken from them earlier
     *                       are not handed out
     */
    public EventImport(DataSource dataSource, Serializer eventSerializer, ProductNames names, ImageUrls urls,
                       Runnable sequencesMoved) {
        this.jdbc = JdbcClient.create(dataSource);
        this.store = new EventStoreTable(dataSource);
        this.batch = new NamedParameterJdbcTemplate(dataSource);
        this.serializer = eventSerializer;
        this.names = names;
        this.urls = urls;
        this.sequencesMoved = sequencesMoved;
    }

    /** Checks a page against itself and what was staged before it, then stages it. */
    @CommandHandler
    public long handle(StageImportedEventsCommand command) {
        if (command.restart()) {
            jdbc.sql("TRUNCATE event_import").update();
        }
        long last = jdbc.sql("SELECT COALESCE(MAX(position), 0) FROM event_import").query(Long.class).single();
        Map<String, Long> sequences = nextSequences(command.events());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImportedEvent event : command.events()) {
            String at = "event at position " + event.position();
            if (event.position() <= last) {
                throw CommandRejectedException.invalid("events", "The " + at + " is not after position " + last
                        + ": positions must increase.");
            }
            last = event.position();
            require(event.aggregate() != null && !event.aggregate().isBlank(), at + " has no aggregate.");
            long expected = sequences.getOrDefault(event.aggregate(), 0L);
            require(event.sequence() == expected, "The " + at + " has sequence " + event.sequence() + " in "
                    + event.aggregate() + ", where " + expected + " comes next.");
            sequences.put(event.aggregate(), expected + 1);
            check(event, at);
            Map<String, Object> row = new HashMap<>();
            row.put("position", event.position());
            row.put("aggregate", event.aggregate());
            row.put("aggregateType", event.aggregateType());
            row.put("sequence", event.sequence());
            row.put("type", event.type());
            row.put("revision", event.revision());
            row.put("timestamp", event.timestamp());
            row.put("payload", event.payload().getBytes(StandardCharsets.UTF_8));
            row.put("identifier", event.identifier() == null ? UUID.randomUUID().toString() : event.identifier());
            row.put("metadata", (event.metadata() == null ? "{}" : event.metadata()).getBytes(StandardCharsets.UTF_8));
            rows.add(row);
        }
        try {
            batch.batchUpdate("""
                    INSERT INTO event_import (position, aggregate, aggregate_type, sequence, type, revision, timestamp,
                                              payload, identifier, metadata)
                    VALUES (:position, :aggregate, :aggregateType, :sequence, :type, :revision, :timestamp, :payload,
                            :identifier, :metadata)""", SqlParameterSourceUtils.createBatch(rows));
        } catch (DuplicateKeyException e) {
            throw CommandRejectedException.invalid("events", "An event of this page has the id of an event staged "
                    + "before it: ids must be unique.");
        }
        return jdbc.sql("SELECT count(*) FROM event_import").query(Long.class).single();
    }

    /** The sequence each aggregate of {@code events} continues with, after what was staged before (0 if nothing). */
    private Map<String, Long> nextSequences(List<ImportedEvent> events) {
        Map<String, Long> next = new HashMap<>();
        String[] aggregates = events.stream().map(ImportedEvent::aggregate).filter(java.util.Objects::nonNull)
                .distinct().toArray(String[]::new);
        jdbc.sql("SELECT aggregate, MAX(sequence) + 1 FROM event_import WHERE aggregate = ANY (:aggregates) "
                        + "GROUP BY aggregate")
                .param("aggregates", aggregates)
                .query(rs -> {
                    next.put(rs.getString(1), rs.getLong(2));
                });
        return next;
    }

    /** Stores the staged events and rebuilds the registries from them. */
    @CommandHandler
    public EventImportSummary handle(ImportStagedEventsCommand command) {
        // Storing a large export and rebuilding its registries may rightly outlast the writes pool's timeout.
        jdbc.sql("SET LOCAL statement_timeout = 0").update();
        long staged = jdbc.sql("SELECT count(*) FROM event_import").query(Long.class).single();
        require(staged > 0, "No events are staged: stage them first (catalog-admin events import).");
        boolean empty = store.isEmpty();
        if (!empty && !command.force()) {
            throw CommandRejectedException.conflict("force", "The event store is not empty: an import restores into an "
                    + "empty store. Force it to replace every event, registry row and processor position.");
        }
        if (!empty) {
            store.truncateWith("snapshotevententry", "product_registry", "image_registry", "tokenentry",
                    "deadletterentry");
        }
        store.insertKeepingPositions("""
                SELECT position, aggregate, sequence, aggregate_type, identifier, metadata, payload, revision, type,
                       timestamp
                  FROM event_import ORDER BY position""");
        Registries registries = registries();
        registries.products.forEach(names::claim);
        registries.images.forEach((image, place) -> urls.claim(image, place.product(), place.url()));
        advance("product_id_seq", registries.highestProduct);
        advance("image_id_seq", registries.highestImage);
        sequencesMoved.run();
        jdbc.sql("TRUNCATE event_import").update();
        return new EventImportSummary(staged, registries.products.size(), registries.images.size());
    }

    /** What the registries hold at the end of the staged history: the products and images not deleted. */
    private record Registries(Map<ProductId, String> products, Map<ImageId, Place> images, long highestProduct,
                              long highestImage) {
    }

    private record Place(ProductId product, String url) {
    }

    private Registries registries() {
        Map<ProductId, String> products = new LinkedHashMap<>();
        Map<ImageId, Place> images = new LinkedHashMap<>();
        long[] highest = {0, 0};
        jdbc.sql("SELECT type, revision, payload FROM event_import ORDER BY position").query(rs -> {
            Object event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class,
                    rs.getString("type"), rs.getString("revision")));
            switch (event) {
                case ProductCreatedEvent created -> products.put(created.productId(), created.name());
                case ProductUpdatedEvent updated -> products.put(updated.productId(), updated.name());
                case ProductDeletedEvent deleted -> products.remove(deleted.productId());
                case ImageCreatedEvent created -> images.put(created.imageId(), new Place(created.productId(), created.url()));
                case ImageUpdatedEvent updated -> images.put(updated.imageId(), new Place(updated.productId(), updated.url()));
                case ImageDeletedEvent deleted -> images.remove(deleted.imageId());
                default -> throw new IllegalStateException("Unexpected staged event " + event.getClass());
            }
            switch (event) {
                case ProductCreatedEvent created -> highest[0] = Math.max(highest[0], created.productId().value());
                case ImageCreatedEvent created -> highest[1] = Math.max(highest[1], created.imageId().value());
                default -> { }
            }
        });
        return new Registries(products, images, highest[0], highest[1]);
    }

    /** Moves an id sequence past the highest id the history used, so new ids never collide. */
    private void advance(String sequence, long highest) {
        if (highest > 0) {
            jdbc.sql("SELECT setval(CAST(:sequence AS regclass), GREATEST(:highest, (SELECT last_value FROM "
                            + sequence + ")))")
                    .param("sequence", sequence).param("highest", highest).query().singleRow();
        }
    }

    /** The event's fields, payload and metadata are what the store holds for a catalog event. */
    private void check(ImportedEvent event, String at) {
        require(event.sequence() >= 0, "The " + at + " has a negative sequence.");
        require(event.type() != null && !event.type().isBlank(), "The " + at + " has no type.");
        require(event.payload() != null, "The " + at + " has no payload.");
        try {
            Instant.parse(event.timestamp() == null ? "" : event.timestamp());
        } catch (DateTimeParseException e) {
            throw CommandRejectedException.invalid("events", "The " + at + " has no ISO-8601 timestamp.");
        }
        try {
            JSON.readTree(event.payload());
            if (event.metadata() != null) {
                require(JSON.readTree(event.metadata()).isObject(), "The " + at + " has metadata that is not a JSON object.");
            }
        } catch (JacksonException e) {
            throw CommandRejectedException.invalid("events", "The " + at + " is not valid JSON.");
        }
        SerializedType type = new SimpleSerializedType(event.type(), event.revision());
        Class<?> payloadClass = serializer.classForType(type);
        require(EVENTS.contains(payloadClass), "The " + at + " has type " + event.type() + ", not a catalog event.");
        Object payload;
        try {
            payload = serializer.deserialize(new SimpleSerializedObject<>(event.payload().getBytes(StandardCharsets.UTF_8),
                    byte[].class, type));
        } catch (RuntimeException e) {
            throw CommandRejectedException.invalid("events", "The " + at + " does not read as a " + event.type() + ".");
        }
        String aggregate = switch (payload) {
            case ProductCreatedEvent e -> e.productId().toString();
            case ProductUpdatedEvent e -> e.productId().toString();
            case ProductDeletedEvent e -> e.productId().toString();
            case ImageCreatedEvent e -> e.imageId().toString();
            case ImageUpdatedEvent e -> e.imageId().toString();
            case ImageDeletedEvent e -> e.imageId().toString();
            default -> null;
        };
        require(event.aggregate().equals(aggregate), "The " + at + " is about " + aggregate + " but filed under "
                + event.aggregate() + ".");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw CommandRejectedException.invalid("events", message);
        }
    }
}
