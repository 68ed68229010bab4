package dev.catalog.gateway.consistency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Adds {@code extensions.consistency} to a response whose mutations committed writes that the read
 * views did not yet show when it answered:
 * <pre>{@code {"writeCommitted": true, "viewPending": true, "pending": [{"path": ["createProduct"], ...}]}}</pre>
 * Queries sent later may briefly miss those writes; nothing is lost.
 */
@Component
public class ConsistencyInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        return chain.next(request).map(response -> {
            List<Map<String, Object>> pending = PendingViews.drain(response.getExecutionInput().getGraphQLContext());
            if (pending.isEmpty()) {
                return response;
            }
            Map<Object, Object> extensions = new LinkedHashMap<>(response.getExtensions());
            extensions.put("consistency", Map.of("writeCommitted", true, "viewPending", true, "pending", pending));
            return response.transform(builder -> builder.extensions(extensions));
        });
    }
}
