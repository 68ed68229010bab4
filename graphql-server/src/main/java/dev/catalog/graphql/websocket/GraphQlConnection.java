package dev.catalog.graphql.websocket;

import dev.catalog.graphql.error.Causes;
import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.ErrorCode;
import dev.catalog.graphql.error.InternalErrors;
import dev.catalog.graphql.execution.GraphQlExecutor;
import dev.catalog.graphql.execution.GraphQlJson;
import dev.catalog.graphql.execution.GraphQlRequest;
import dev.catalog.graphql.security.Callers;
import dev.catalog.graphql.security.RateLimit;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One client's WebSocket connection, speaking graphql-transport-ws: {@code connection_init} (once, within the
 * init timeout; its payload's {@code Authorization} or {@code authorization} is the bearer token, else the upgrade
 * request's header), then {@code subscribe} and {@code complete} per operation, {@code ping} and {@code pong}.
 * Protocol misuse closes the connection with the protocol's codes ({@link CloseCodes}); an operation's own errors
 * are its {@code error} message. Operations run through the same {@link GraphQlExecutor} as HTTP requests, as the
 * caller of the connection, and each counts as a request of its client in the {@link RateLimit} (a refused one gets
 * an {@code error} message with {@code RATE_LIMITED}; the connection stays usable). When the caller's token expires,
 * the connection is closed with 4403 (its subscriptions end with it) and nothing more runs on its authority; the
 * protocol has no way to renew a token, so the client reconnects with a new one. A subscription's results are sent
 * in order, each once the one before it went out.
 */
final class GraphQlConnection extends Endpoint {

    static final String PROTOCOL = "graphql-transport-ws";
    private static final Logger log = LoggerFactory.getLogger(GraphQlConnection.class);
    private final GraphQlExecutor executor;
    private final Callers callers;
    private final RateLimit rateLimit;
    private final SlowSubscribers slowSubscribers;
    private final JsonMapper json;
    private final SubscriptionProperties properties;
    private final ScheduledExecutorService timers;
    private final Handshake handshake;
    private final Runnable onClosed;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private Session session;
    private Outbox outbox;
    private ScheduledFuture<?> initTimeout;
    private volatile ScheduledFuture<?> authorityEnd;
    private boolean initReceived;
    private volatile Authentication caller;
    private volatile boolean closed;

    /**
     * What the upgrade request told about the client.
     *
     * @param authorization its {@code Authorization} header, or {@code null}
     * @param client        the key its operations count under in the rate limit
     */
    record Handshake(String authorization, boolean local, Locale locale, String client) {
    }

    GraphQlConnection(GraphQlExecutor executor, Callers callers, RateLimit rateLimit, SlowSubscribers slowSubscribers,
                      JsonMapper json, SubscriptionProperties properties, ScheduledExecutorService timers,
                      Handshake handshake, Runnable onClosed) {
        this.slowSubscribers = slowSubscribers;
        this.executor = executor;
        this.callers = callers;
        this.rateLimit = rateLimit;
        this.json = json;
        this.properties = properties;
        this.timers = timers;
        this.handshake = handshake;
        this.onClosed = onClosed;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        this.outbox = new Outbox(session, properties.maxPerConnection() + 16, reason -> close(CloseCodes.SLOW_CONSUMER, reason));
        session.getAsyncRemote().setSendTimeout(properties.sendTimeout().toMillis());
        session.setMaxTextMessageBufferSize((int) properties.maxMessageSize().toBytes());
        if (!PROTOCOL.equals(session.getNegotiatedSubprotocol())) {
            close(CloseCodes.SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable: use " + PROTOCOL);
            return;
        }
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onMessage);
        // The protocol's messages are text: a binary one is of no known format. Handled part by part, so that it
        // is refused at its first fragment, not buffered whole first.
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) ->
                close(CloseCodes.INVALID_MESSAGE, "Invalid message received: binary, not text"));
        initTimeout = timers.schedule(() -> {
            if (caller == null) {
                close(CloseCodes.CONNECTION_INIT_TIMEOUT, "Connection initialisation timeout");
            }
        }, properties.connectionInitTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        closed = true;
        if (initTimeout != null) {
            initTimeout.cancel(false);
        }
        if (authorityEnd != null) {
            authorityEnd.cancel(false);
        }
        if (outbox != null) {
            outbox.close();
        }
        operations.values().forEach(Operation::cancel);
        operations.clear();
        onClosed.run();
    }

    @Override
    public void onError(Session session, Throwable failure) {
        log.debug("WebSocket connection failed", failure);
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            close(CloseCodes.INVALID_MESSAGE, "Invalid message received: not JSON");
            return;
        }
        JsonNode type = message == null ? null : message.get("type");
        if (type == null || !type.isString()) {
            close(CloseCodes.INVALID_MESSAGE, "Invalid message received: no `type`");
            return;
        }
        switch (type.asString()) {
            case "connection_init" -> connectionInit(message.get("payload"));
            case "ping" -> send(Map.of("type", "pong"));
            case "pong" -> { }
            case "subscribe" -> subscribe(message);
            case "complete" -> complete(message);
            default -> close(CloseCodes.INVALID_MESSAGE, "Invalid message received: unknown type");
        }
    }

    private void connectionInit(JsonNode payload) {
        if (initReceived) {
            close(CloseCodes.TOO_MANY_INITIALISATION_REQUESTS, "Too many initialisation requests");
            return;
        }
        initReceived = true;
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            close(CloseCodes.INVALID_MESSAGE, "Invalid message received: `payload` must be an object");
            return;
        }
        String authorization = handshake.authorization();
        JsonNode token = payload == null ? null
                : payload.has("Authorization") ? payload.get("Authorization") : payload.get("authorization");
        if (token != null && !token.isNull()) {
            if (!token.isString()) {
                close(CloseCodes.INVALID_MESSAGE, "Invalid message received: `Authorization` must be a string");
                return;
            }
            authorization = Callers.authorization(token.asString());
        }
        Authentication authenticated;
        try {
            authenticated = callers.authenticate(authorization, handshake.local());
        } catch (BadJwtException e) {
            close(CloseCodes.FORBIDDEN, "Forbidden: the bearer token is not valid");
            return;
        } catch (JwtException e) {
            close(CloseCodes.INTERNAL_ERROR, "The bearer token cannot be checked now; try again later");
            return;
        }
        // The protocol has no message to renew a token: when it expires, the connection ends and the client
        // reconnects with a new one. Its operations are refused from then on as well (GraphQlExecutor).
        callers.authorityEnds(authenticated).ifPresent(end -> authorityEnd = timers.schedule(this::closeExpired,
                Math.max(0, Duration.between(Instant.now(), end).toMillis()), TimeUnit.MILLISECONDS));
        caller = authenticated;
        initTimeout.cancel(false);
        send(Map.of("type", "connection_ack"));
    }

    private void subscribe(JsonNode message) {
        if (caller == null) {
            close(CloseCodes.UNAUTHORIZED, "Unauthorized");
            return;
        }
        JsonNode id = message.get("id");
        JsonNode payload = message.get("payload");
        if (id == null || !id.isString() || id.asString().isEmpty() || payload == null || !payload.isObject()) {
            close(CloseCodes.INVALID_MESSAGE, "Invalid message received: `subscribe` needs an `id` and a `payload`");
            return;
        }
        GraphQlRequest request;
        try {
            request = GraphQlRequest.of(payload);
        } catch (GraphQlRequest.InvalidRequestException e) {
            close(CloseCodes.INVALID_MESSAGE, "Invalid message received: " + e.getMessage());
            return;
        }
        String operationId = id.asString();
        // Each operation is a request of this client, counted in the same budget as its HTTP requests.
        OptionalLong refused = rateLimit.take(handshake.client(), () -> callers.isAdministrator(caller));
        if (refused.isPresent()) {
            sendErrors(operationId, errors(ErrorCode.RATE_LIMITED, rateLimit.refusal(refused.getAsLong())));
            return;
        }
        Operation operation = new Operation(operationId);
        if (operations.putIfAbsent(operationId, operation) != null) {
            close(CloseCodes.SUBSCRIBER_ALREADY_EXISTS, "Subscriber for " + operationId + " already exists");
            return;
        }
        if (operations.size() > properties.maxPerConnection()) {
            operations.remove(operationId);
            sendErrors(operationId, errors(ErrorCode.RATE_LIMITED, "At most " + properties.maxPerConnection()
                    + " operations may run at once on one connection; complete one first."));
            return;
        }
        run(operation, request);
    }

    private void run(Operation operation, GraphQlRequest request) {
        ExecutionResult result;
        try {
            result = executor.execute(request, caller, handshake.locale());
        } catch (RuntimeException e) {
            operations.remove(operation.id, operation);
            sendErrors(operation.id, List.of(InternalErrors.specification("in an operation over WebSocket", e)));
            return;
        }
        if (result.getData() instanceof Publisher<?> stream) {
            @SuppressWarnings("unchecked")
            Publisher<ExecutionResult> results = (Publisher<ExecutionResult>) stream;
            results.subscribe(operation);
        } else if (!result.isDataPresent()) { // refused before execution: parse, validation, limits
            operations.remove(operation.id, operation);
            sendErrors(operation.id, result.getErrors().stream().map(GraphQLError::toSpecification).toList());
        } else {
            operations.remove(operation.id, operation);
            send(Map.of("id", operation.id, "type", "next", "payload", result.toSpecification()));
            send(Map.of("id", operation.id, "type", "complete"));
        }
    }

    private void complete(JsonNode message) {
        JsonNode id = message.get("id");
        if (id == null || !id.isString()) {
            close(CloseCodes.INVALID_MESSAGE, "Invalid message received: `complete` needs an `id`");
            return;
        }
        Operation operation = operations.remove(id.asString());
        if (operation != null) {
            operation.cancel();
        }
    }

    private static List<Object> errors(ErrorCode code, String message) {
        @SuppressWarnings("unchecked")
        List<Object> errors = (List<Object>) ErrorBodies.of(code.name(), message).get("errors");
        return errors;
    }

    private void sendErrors(String id, List<?> errors) {
        send(Map.of("id", id, "type", "error", "payload", errors));
    }

    private void send(Map<String, ?> message) {
        send(message, null);
    }

    private void send(Map<String, ?> message, Runnable sent) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = json.createGenerator(text)) {
            GraphQlJson.write(generator, message);
        }
        outbox.send(text.toString(), sent);
    }

    private void closeExpired() {
        close(CloseCodes.FORBIDDEN, "Forbidden: the bearer token has expired; reconnect with a new one");
    }

    private void close(CloseCodes code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close(code.reason(reason));
        } catch (IOException | IllegalStateException e) {
            log.debug("Closing a WebSocket connection failed", e);
        }
    }

    /** One running subscription: asks for a result, sends it, asks for the next once it went out. */
    private final class Operation implements Subscriber<ExecutionResult> {

        private final String id;
        private volatile Subscription subscription;
        private volatile boolean cancelled;

        Operation(String id) {
            this.id = id;
        }

        void cancel() {
            cancelled = true;
            Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            if (cancelled) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(ExecutionResult result) {
            if (cancelled) {
                return;
            }
            if (callers.expired(caller)) { // the timer may not have fired yet: nothing more on that authority
                closeExpired();
                return;
            }
            Map<String, Object> payload = executor.withCodes(result).toSpecification();
            send(Map.of("id", id, "type", "next", "payload", payload), () -> subscription.request(1));
        }

        @Override
        public void onError(Throwable failure) {
            if (!operations.remove(id, this)) {
                return;
            }
            var slow = Causes.of(failure).filter(slowSubscribers::isSlowSubscriber).findFirst();
            if (slow.isPresent()) {
                close(CloseCodes.SLOW_CONSUMER, slow.get().getMessage());
            } else if (failure instanceof SubscriptionPublisherException resolved && !resolved.getErrors().isEmpty()) {
                sendErrors(id, resolved.getErrors().stream().map(GraphQLError::toSpecification).toList());
            } else {
                sendErrors(id, List.of(InternalErrors.specification("in subscription " + id, failure)));
            }
        }

        @Override
        public void onComplete() {
            if (operations.remove(id, this)) {
                send(Map.of("id", id, "type", "complete"));
            }
        }
    }
}
