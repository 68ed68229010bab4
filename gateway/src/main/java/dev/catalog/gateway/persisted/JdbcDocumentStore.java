package dev.catalog.gateway.persisted;

import dev.catalog.graphql.persisted.DocumentStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The persisted documents in PostgreSQL, shared by every instance: the only writer of {@code persisted_document}. */
@Component
public class JdbcDocumentStore implements DocumentStore {

    private final JdbcClient jdbc;

    public JdbcDocumentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> find(String id) {
        return jdbc.sql("SELECT document FROM persisted_document WHERE id = :id").param("id", id)
                .query(String.class).optional();
    }

    /**
     * Within the bound as counted when it runs: registrations at the same moment may pass it by as many as run
     * together, never more.
     */
    @Override
    public boolean add(String id, String document, int maxDocuments) {
        jdbc.sql("""
                        INSERT INTO persisted_document (id, document)
                        SELECT :id, :document WHERE (SELECT count(*) FROM persisted_document) < :max
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", id).param("document", document).param("max", maxDocuments).update();
        return find(id).isPresent();
    }

    /** A registered document, as administrators list them. */
    public record Registered(String id, String document, Instant registeredAt) {
    }

    /** The documents after {@code after} (an id; null: from the first), by id. */
    public List<Registered> list(String after, int first) {
        return jdbc.sql("""
                        SELECT id, document, registered_at FROM persisted_document
                         WHERE CAST(:after AS text) IS NULL OR id > CAST(:after AS text) ORDER BY id LIMIT :first""")
                .param("after", after).param("first", first)
                .query((rs, row) -> new Registered(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM persisted_document").query(Long.class).single();
    }
}
