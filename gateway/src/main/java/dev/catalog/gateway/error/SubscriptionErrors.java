package dev.catalog.gateway.error;

import dev.catalog.query.changes.SlowSubscriberException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * The error a subscriber gets when its subscription fails, at its start (a refused argument) or later: the same
 * codes as {@link CatalogExceptionResolver}, without a path (the subscription is over, not one field).
 * {@code SlowSubscriberException} is left to the transport, which closes the connection.
 */
@Component
public class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception) {
        if (exception instanceof RefusedException refused) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", refused.code().name());
            if (refused.field() != null) {
                extensions.put("field", refused.field());
            }
            return GraphqlErrorBuilder.newError().message(refused.getMessage()).extensions(extensions).build();
        }
        if (exception instanceof SlowSubscriberException) {
            return null;
        }
        String errorId = UUID.randomUUID().toString();
        log.error("Internal error {} in a subscription", errorId, exception);
        return GraphqlErrorBuilder.newError().message("Internal server error (errorId " + errorId + ").")
                .extensions(Map.of("code", ErrorCode.INTERNAL_SERVER_ERROR.name(), "errorId", errorId)).build();
    }
}
