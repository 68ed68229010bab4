package dev.catalog.query.infrastructure;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables of one view's rebuild, on the rebuild's own connection: the new one, created in schema
 * {@value #REBUILD_SCHEMA} under the live view's name and shaped like it; the switch that puts it in the live one's
 * place; the live one retired to schema {@value #RETIRED_SCHEMA} by it.
 */
final class RebuildTables {

    static final String REBUILD_SCHEMA = "catalog_rebuild";
    static final String RETIRED_SCHEMA = "catalog_retired";

    private final JdbcTemplate sql;
    private final String view;
    private final String liveSchema;

    RebuildTables(JdbcTemplate sql, String view) {
        this.sql = sql;
        this.view = view;
        this.liveSchema = sql.queryForObject("SELECT relnamespace::regnamespace::text FROM pg_class "
                + "WHERE oid = to_regclass(?)", String.class, view);
    }

    /** Whether a new table is there, as a stopped rebuild left it. */
    boolean rebuiltExists() {
        return table(REBUILD_SCHEMA) != null;
    }

    /** A new, empty table in place of any earlier one, with the live view's primary key and unique constraints. */
    void create() {
        drop();
        sql.execute("CREATE TABLE " + rebuilt() + " (LIKE " + live() + " INCLUDING DEFAULTS "
                + "INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)");
        // Primary key and unique constraints now (the projection's upserts need them), other indexes at the end.
        for (Map<String, Object> constraint : sql.queryForList("""
                SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                 WHERE conrelid = to_regclass(?) AND contype IN ('p', 'u') ORDER BY conname""", live())) {
            sql.execute("ALTER TABLE " + rebuilt() + " ADD CONSTRAINT "
                    + constraint.get("conname") + " " + constraint.get("definition"));
        }
    }

    /** In the current transaction: the live view's other indexes built on the new table, then it is analyzed. */
    void index() {
        sql.execute("SET LOCAL statement_timeout = 0");
        for (String definition : sql.queryForList("""
                SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
                 WHERE i.indrelid = to_regclass(?)
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
                String.class, live())) {
            sql.execute(definition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")
                    .replace(" ON " + live() + " ", " ON " + rebuilt() + " ")
                    .replace(" ON ONLY " + live() + " ", " ON " + rebuilt() + " "));
        }
        sql.execute("ANALYZE " + rebuilt());
    }

    /** In the current transaction: holds back the commands that write the live view (they wait), lets queries go on. */
    void lockLive() {
        sql.execute("LOCK TABLE " + live() + " IN EXCLUSIVE MODE");
    }

    /** In the current transaction: the live table retired, the new one in its place. */
    void swap() {
        sql.execute("ALTER TABLE " + live() + " SET SCHEMA " + RETIRED_SCHEMA);
        sql.execute("ALTER TABLE " + rebuilt() + " SET SCHEMA " + liveSchema);
    }

    void dropRetired() {
        sql.execute("DROP TABLE IF EXISTS " + RETIRED_SCHEMA + "." + view);
    }

    /** Drops the new table, if there is one. */
    void drop() {
        sql.execute("DROP TABLE IF EXISTS " + rebuilt());
    }

    private String live() {
        return liveSchema + "." + view;
    }

    private String rebuilt() {
        return REBUILD_SCHEMA + "." + view;
    }

    private String table(String schema) {
        return sql.queryForObject("SELECT to_regclass(?)::text", String.class, schema + "." + view);
    }
}
