package dev.catalog.gateway.error;

import dev.catalog.graphql.error.CodedError;
import dev.catalog.graphql.error.InternalErrors;
import dev.catalog.query.changes.SlowSubscriberException;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.stereotype.Component;

/**
 * The error a subscriber gets when its subscription fails, at its start (a refused argument) or later: the same
 * codes as {@link CatalogExceptionResolver}, without a path (the subscription is over, not one field).
 * {@code SlowSubscriberException} is left to the transport, which closes the connection.
 */
@Component
public class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable exception) {
        if (exception instanceof CodedError coded) {
            return GraphqlErrorBuilder.newError().message(coded.getMessage())
                    .extensions(CatalogExceptionResolver.extensions(coded)).build();
        }
        if (exception instanceof SlowSubscriberException) {
            return null;
        }
        return InternalErrors.of(GraphqlErrorBuilder.newError(), "in a subscription", exception);
    }
}
