package dev.catalog.command.infrastructure;

import dev.catalog.command.product.ProductIds;
import dev.catalog.events.product.ProductId;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Product ids from the PostgreSQL sequence {@code product_id_seq}. */
public class JdbcProductIds implements ProductIds {

    private final JdbcClient jdbc;

    public JdbcProductIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ProductId next() {
        return ProductId.of(jdbc.sql("SELECT nextval('product_id_seq')").query(Long.class).single());
    }
}
