package dev.catalog.gateway.websocket;

import dev.catalog.gateway.error.ErrorBodies;
import dev.catalog.gateway.error.ErrorCode;
import dev.catalog.gateway.execution.GraphQlExecutor;
import dev.catalog.gateway.http.GraphQlJson;
import dev.catalog.gateway.security.Callers;
import dev.catalog.query.changes.SlowSubscriberException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
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
 * are its {@code error} message. Operations run with the limits of the HTTP endpoint, as the caller of the
 * connection; a subscription's results are sent in order, each once the one before it went out.
 */
final class GraphQlConnection extends Endpoint {

    static final String PROTOCOL = "graphql-transport-ws";
    private static final Logger log = LoggerFactory.getLogger(GraphQlConnection.class);
    private static final String BEARER = "Bearer ";

    private final GraphQlExecutor executor;
    private final Callers callers;
    private final JsonMapper json;
    private final SubscriptionProperties properties;
    private final ScheduledExecutorService timers;
    private final Handshake handshake;
    private final Runnable onClosed;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private Session session;
    private Outbox outbox;
    private ScheduledFuture<?> initTimeout;
    private boolean initReceived;
    private volatile Authentication caller;
    private volatile boolean closed;

    /**
     * What the upgrade request told about the client.
     *
     * @param authorization its {@code Authorization} header, or {@code null}
     */
    record Handshake(String authorization, boolean local, Locale locale) {
    }

    GraphQlConnection(GraphQlExecutor executor, Callers callers, JsonMapper json, SubscriptionProperties properties,
                      ScheduledExecutorService timers, Handshake handshake, Runnable onClosed) {
        this.executor = executor;
        this.callers = callers;
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
            String value = token.asString();
            authorization = value.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? value : BEARER + value;
        }
        try {
            caller = callers.authenticate(authorization, handshake.local());
        } catch (BadJwtException e) {
            close(CloseCodes.FORBIDDEN, "Forbidden: the bearer token is not valid");
            return;
        } catch (JwtException e) {
            close(CloseCodes.INTERNAL_ERROR, "The bearer token cannot be checked now; try again later");
            return;
        }
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
        Request request = Request.of(payload, json);
        if (request == null) {
            close(CloseCodes.INVALID_MESSAGE, "Invalid message received: `payload` needs a string `query`, and "
                    + "optional string `operationName`, object `variables` and `extensions`");
            return;
        }
        String operationId = id.asString();
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

    private void run(Operation operation, Request request) {
        ExecutionResult result;
        SecurityContextHolder.setContext(new SecurityContextImpl(caller));
        try {
            result = executor.execute(request.query(), request.operationName(), request.variables(),
                    request.extensions(), handshake.locale());
        } catch (RuntimeException e) {
            log.error("Operation over WebSocket failed", e);
            operations.remove(operation.id, operation);
            sendErrors(operation.id, errors(ErrorCode.INTERNAL_SERVER_ERROR, "The operation failed."));
            return;
        } finally {
            SecurityContextHolder.clearContext();
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

    /** A {@code subscribe} message's payload; {@code null} from {@link #of} when it is not a GraphQL request. */
    private record Request(String query, String operationName, Map<String, Object> variables,
                           Map<String, Object> extensions) {

        @SuppressWarnings("unchecked")
        static Request of(JsonNode payload, JsonMapper json) {
            JsonNode query = payload.get("query");
            JsonNode operationName = payload.get("operationName");
            JsonNode variables = payload.get("variables");
            JsonNode extensions = payload.get("extensions");
            if (query == null || !query.isString()
                    || !(absent(operationName) || operationName.isString())
                    || !(absent(variables) || variables.isObject())
                    || !(absent(extensions) || extensions.isObject())) {
                return null;
            }
            return new Request(query.asString(), absent(operationName) ? null : operationName.asString(),
                    absent(variables) ? Map.of() : json.treeToValue(variables, Map.class),
                    absent(extensions) ? Map.of() : json.treeToValue(extensions, Map.class));
        }

        private static boolean absent(JsonNode value) {
            return value == null || value.isNull();
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
            Map<String, Object> payload = executor.withCodes(result).toSpecification();
            send(Map.of("id", id, "type", "next", "payload", payload), () -> subscription.request(1));
        }

        @Override
        public void onError(Throwable failure) {
            if (!operations.remove(id, this)) {
                return;
            }
            if (causedBy(failure, SlowSubscriberException.class) != null) {
                close(CloseCodes.SLOW_CONSUMER, causedBy(failure, SlowSubscriberException.class).getMessage());
            } else if (failure instanceof SubscriptionPublisherException resolved && !resolved.getErrors().isEmpty()) {
                sendErrors(id, resolved.getErrors().stream().map(GraphQLError::toSpecification).toList());
            } else {
                log.error("Subscription {} failed", id, failure);
                sendErrors(id, errors(ErrorCode.INTERNAL_SERVER_ERROR, "The subscription failed."));
            }
        }

        @Override
        public void onComplete() {
            if (operations.remove(id, this)) {
                send(Map.of("id", id, "type", "complete"));
            }
        }
    }

    private static Throwable causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }
}
