package dev.catalog.graphql.websocket;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The messages on their way to one client, sent one at a time (a WebSocket session takes one asynchronous send at
 * a time). At most {@code capacity} wait; a client that lets more pile up, or does not take one within the send
 * timeout, is reported to {@code tooSlow}. Each operation asks for its next result only once its last one was sent,
 * so the queue holds at most one result per operation and the control messages.
 */
final class Outbox {

    private record Message(String text, Runnable sent) {
    }

    private final Session session;
    private final int capacity;
    private final Consumer<String> tooSlow;
    private final ArrayDeque<Message> waiting = new ArrayDeque<>();
    private boolean sending;
    private boolean closed;

    Outbox(Session session, int capacity, Consumer<String> tooSlow) {
        this.session = session;
        this.capacity = capacity;
        this.tooSlow = tooSlow;
    }

    /** Sends {@code text} after those before it; {@code sent} (may be {@code null}) runs once it went out. */
    void send(String text, Runnable sent) {
        boolean overflow;
        synchronized (this) {
            if (closed) {
                return;
            }
            overflow = waiting.size() >= capacity;
            if (!overflow) {
                waiting.add(new Message(text, sent));
                if (!sending) {
                    sendNext();
                }
            }
        }
        if (overflow) {
            tooSlow.accept("More than " + capacity + " messages waited for this client.");
        }
    }

    synchronized void close() {
        closed = true;
        waiting.clear();
    }

    /** Holds this outbox's lock. */
    private void sendNext() {
        Message message = waiting.poll();
        sending = message != null;
        if (message == null || closed) {
            return;
        }
        session.getAsyncRemote().sendText(message.text(), result -> sent(message, result));
    }

    private void sent(Message message, SendResult result) {
        if (!result.isOK()) {
            close();
            tooSlow.accept("A message could not be sent: " + result.getException().getMessage());
            return;
        }
        if (message.sent() != null) {
            message.sent().run();
        }
        synchronized (this) {
            sendNext();
        }
    }
}
