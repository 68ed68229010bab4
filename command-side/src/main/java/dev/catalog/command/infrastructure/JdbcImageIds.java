package dev.catalog.command.infrastructure;

import dev.catalog.command.image.ImageIds;
import dev.catalog.events.image.ImageId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Image ids from the PostgreSQL sequence {@code image_id_seq}. */
public class JdbcImageIds implements ImageIds {

    private final JdbcClient jdbc;

    public JdbcImageIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ImageId next() {
        return ImageId.of(jdbc.sql("SELECT nextval('image_id_seq')").query(Long.class).single());
    }
}
