package dev.catalog.query.infrastructure;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a read view against the events: recomputes it from every stored event, with the same projection, into
 * scratch tables, and lists every row where the live view differs. Both are read in one REPEATABLE READ snapshot,
 * so writes that commit meanwhile (their events and view rows together, ADR 15) are on neither side, and never
 * show as a difference.
 *
 * <p>The scratch tables are temporary tables named like the views, put first on the {@code search_path} of the
 * verification's own transaction, so the projections' statements write there; that transaction is always rolled
 * back, so nothing it did can reach the live views even if a statement did not resolve to the scratch table.
 */
@Component
public class ViewVerification {

    /** A row that differs: as the live view has it and as the events give it, as JSON; null where absent. */
    public record Difference(long id, String live, String recomputed) {
    }

    /** What a verification found: the events replayed and at most {@code limit} differences. */
    public record Report(String view, long events, long differences, List<Difference> first) {
    }

    private static final Map<String, String> VIEWS = ProjectionGroups.VIEWS;
    private static final Map<String, String> COLUMNS = Map.of(
            "product_view", "id, name, price, status, version, created_at, updated_at",
            "image_view", "id, product_id, url, priority, version, created_at, updated_at, content_type, byte_size, width, height, "
                    + "file_key",
            "product_change", "product_id AS id, version, kind, at, by, request_id, name, price, status, created_at",
            "image_change", "image_id AS id, version, kind, at, by, request_id, product_id, url, priority, "
                    + "content_type, byte_size, width, height, created_at");
    /** How a live row and a recomputed one are paired: by id, and for a history (a row per change) by version too. */
    private static final Map<String, String> PAIRED_BY = Map.of(
            "product_change", "live.id = recomputed.id AND live.version = recomputed.version",
            "image_change", "live.id = recomputed.id AND live.version = recomputed.version");

    private final EventPages events;
    private final TransactionTemplate snapshot;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final int pageSize;
    private final ViewProjections projections;

    public ViewVerification(EventPages events, PlatformTransactionManager transactions, JdbcClient jdbc,
                            DataSource dataSource, RebuildProperties rebuild, ViewProjections projections) {
        this.events = events;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.jdbc = jdbc;
        this.batches = new NamedParameterJdbcTemplate(dataSource);
        this.pageSize = rebuild.pageSize();
        this.projections = projections;
    }

    /**
     * @param projection a view projection, {@code product-view} or {@code image-view}
     * @param limit      the most differences to return (all are counted)
     */
    public Report verify(String projection, int limit) {
        String view = VIEWS.get(projection);
        if (view == null) {
            throw new IllegalArgumentException(projection + " is not a view projection");
        }
        return snapshot.execute(status -> {
            status.setRollbackOnly(); // scratch work only, whatever happens
            jdbc.sql("SET LOCAL statement_timeout = 0").update();
            for (String table : VIEWS.values()) {
                jdbc.sql("CREATE TEMPORARY TABLE " + table + " (LIKE public." + table + " INCLUDING ALL) ON COMMIT DROP")
                        .update();
            }
            // A changed search_path also makes PostgreSQL re-plan statements prepared before on this connection.
            jdbc.sql("SET LOCAL search_path TO pg_temp, public").update();
            long replayed = replay(projections.of(projection));
            String columns = COLUMNS.get(view);
            String differing = """
                    FROM (SELECT %1$s FROM public.%2$s) live
                    FULL OUTER JOIN (SELECT %1$s FROM pg_temp.%2$s) recomputed ON %3$s
                    WHERE ROW(live.*) IS DISTINCT FROM ROW(recomputed.*)""".formatted(columns, view,
                    PAIRED_BY.getOrDefault(view, "live.id = recomputed.id"));
            long count = jdbc.sql("SELECT count(*) " + differing).query(Long.class).single();
            List<Difference> first = jdbc.sql("SELECT COALESCE(live.id, recomputed.id), row_to_json(live)::text, "
                            + "row_to_json(recomputed)::text " + differing + " ORDER BY 1 LIMIT :limit")
                    .param("limit", limit)
                    .query((rs, row) -> new Difference(rs.getLong(1), rs.getString(2), rs.getString(3)))
                    .list();
            return new Report(projection, replayed, count, first);
        });
    }

    /**
     * Every stored event of the snapshot through {@code projection}, into its scratch table, a page at a time (the
     * reads and the batched writes in the snapshot's transaction).
     */
    private long replay(EventMessageHandler projection) {
        long replayed = 0;
        EventPages.Position position = EventPages.Position.START;
        try (ViewWrites.Batch batch = ViewWrites.batching(batches)) {
            int size;
            do {
                EventPages.Page page = events.after(position, pageSize);
                for (TrackedEventMessage<?> event : page.events()) {
                    if (projection.canHandle(event)) {
                        try {
                            projection.handle(event);
                        } catch (Exception e) {
                            throw new IllegalStateException("Recomputing the view failed at event "
                                    + event.getIdentifier(), e);
                        }
                    }
                }
                batch.flush();
                size = page.events().size();
                replayed += size;
                position = page.next();
            } while (size == pageSize);
        }
        return replayed;
    }
}
