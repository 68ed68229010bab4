package dev.catalog.gateway.history;

import dev.catalog.gateway.product.ProductConnection;
import dev.catalog.graphql.error.BadUserInputException;
import dev.catalog.query.history.Change;
import dev.catalog.query.history.HistoryQueries;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code productHistory} and {@code imageHistory}: an entity's changes newest first, from the history tables. A
 * cursor is the version of the change it points at; {@code after} reads the older ones.
 */
@Controller
class HistoryController {

    static final int MAX_PAGE = 100;

    private final HistoryQueries history;

    HistoryController(HistoryQueries history) {
        this.history = history;
    }

    /** A page of changes, as the schema's connections have it. */
    record ChangeConnection<T>(List<ChangeEdge<T>> edges, ProductConnection.PageInfo pageInfo) {
    }

    record ChangeEdge<T>(String cursor, Change<T> node) {
    }

    @QueryMapping
    ChangeConnection<?> productHistory(@Argument int id, @Argument int first, @Argument String after) {
        return connection(history.productHistory(id, before(after), page(first)));
    }

    @QueryMapping
    ChangeConnection<?> imageHistory(@Argument int id, @Argument int first, @Argument String after) {
        return connection(history.imageHistory(id, before(after), page(first)));
    }

    private static <T> ChangeConnection<T> connection(HistoryQueries.Page<T> page) {
        List<ChangeEdge<T>> edges = page.changes().stream()
                .map(change -> new ChangeEdge<>(String.valueOf(change.version()), change)).toList();
        return new ChangeConnection<>(edges, new ProductConnection.PageInfo(page.hasMore(), false,
                edges.isEmpty() ? null : edges.getFirst().cursor(), edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    private static int page(int first) {
        if (first < 1 || first > MAX_PAGE) {
            throw new BadUserInputException("first", "first is 1 to " + MAX_PAGE + ", not " + first + ".");
        }
        return first;
    }

    private static Long before(String after) {
        if (after == null) {
            return null;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new BadUserInputException("after", "after is a cursor of this history, not " + after + ".");
        }
    }
}
