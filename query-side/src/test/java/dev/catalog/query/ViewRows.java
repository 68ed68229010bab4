package dev.catalog.query;

import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The version of a view row, exactly as the projection wrote it (images of deleted products included). */
@Component
public class ViewRows {

    private final JdbcClient jdbc;

    public ViewRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public OptionalLong productVersion(long id) {
        return version("SELECT version FROM product_view WHERE id = ?", id);
    }

    public OptionalLong imageVersion(long id) {
        return version("SELECT version FROM image_view WHERE id = ?", id);
    }

    private OptionalLong version(String sql, long id) {
        return jdbc.sql(sql).param(id).query(Long.class).optional().map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
