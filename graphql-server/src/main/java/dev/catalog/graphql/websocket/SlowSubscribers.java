package dev.catalog.graphql.websocket;

/**
 * Which failure of a subscription's stream says that its subscriber fell too far behind; given by the API as a bean.
 * The connection is then closed with 1008 (its client reconnects and resumes), instead of the subscription getting
 * an {@code error} message.
 */
@FunctionalInterface
public interface SlowSubscribers {

    boolean isSlowSubscriber(Throwable cause);
}
