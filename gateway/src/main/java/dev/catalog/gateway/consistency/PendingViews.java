package dev.catalog.gateway.consistency;

import graphql.GraphQLContext;
import graphql.execution.ResultPath;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Records, per request, the writes that were committed but not yet visible in the read views when the
 * mutation answered; {@link ConsistencyInterceptor} reports them under {@code extensions.consistency}.
 */
public final class PendingViews {

    private static final String KEY = PendingViews.class.getName();

    /** One committed write whose view had not caught up. */
    public record PendingView(List<Object> path, String entity, long id, long version) {
    }

    private PendingViews() {
    }

    public static void record(GraphQLContext context, ResultPath path, String entity, long id, long version) {
        Queue<PendingView> pending = context.computeIfAbsent(KEY, key -> new ConcurrentLinkedQueue<PendingView>());
        pending.add(new PendingView(path.toList(), entity, id, version));
    }

    static List<Map<String, Object>> drain(GraphQLContext context) {
        Queue<PendingView> pending = context.get(KEY);
        if (pending == null || pending.isEmpty()) {
            return List.of();
        }
        return pending.stream()
                .map(view -> Map.<String, Object>of(
                        "path", view.path(), "entity", view.entity(), "id", view.id(), "version", view.version()))
                .toList();
    }
}
