package dev.catalog.gateway.subscription;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A graphql-transport-ws client on the JDK's WebSocket, for tests: it sends the protocol's messages and
 * records what the server sends, and how it closed the connection. It reads as fast as messages come, unless made
 * {@link #stall() stalled}.
 */
public final class WsClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.shared();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean stalled;

    private WsClient(WebSocket socket) {
        this.socket = socket;
    }

    public static WsClient connect(int port, String... subprotocols) {
        return connect(port, Map.of(), subprotocols);
    }

    public static WsClient connect(int port, Map<String, String> headers, String... subprotocols) {
        WsClient[] client = new WsClient[1];
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    client[0].received.add(JSON.readTree(partial.toString()));
                    partial.setLength(0);
                }
                if (!client[0].stalled) {
                    socket.request(1);
                }
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                client[0].closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                client[0].closeCode.completeExceptionally(error);
            }
        };
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        headers.forEach(builder::header);
        // The listener may run before join() returns: it finds the client through the array.
        CompletableFuture<WebSocket> opening = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/graphql"),
                new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        client[0] = new WsClient(socket);
                        socket.request(1);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        return listener.onText(socket, data, last);
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                        return listener.onClose(socket, statusCode, reason);
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        listener.onError(socket, error);
                    }
                });
        opening.join();
        return client[0];
    }

    /** Connects with the protocol and sends {@code connection_init}; returns once acknowledged. */
    public static WsClient initialized(int port) {
        WsClient client = connect(port, "graphql-transport-ws");
        client.send(Map.of("type", "connection_init"));
        JsonNode ack = client.next();
        if (!"connection_ack".equals(ack.get("type").asString())) {
            throw new AssertionError("expected connection_ack, got " + ack);
        }
        return client;
    }

    public void send(Object message) {
        sendText(JSON.writeValueAsString(message));
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        send(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", query, "variables", variables)));
    }

    /** The next message, within 10 s. */
    public JsonNode next() {
        return next(Duration.ofSeconds(10));
    }

    public JsonNode next(Duration within) {
        try {
            JsonNode message = received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + within);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** No message within {@code within}. */
    JsonNode poll(Duration within) throws InterruptedException {
        return received.poll(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server closed the connection (or it failed). */
    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** The close code the server sent, within 10 s. */
    public int closeCode() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    /** Stops reading: the server's messages pile up in the network buffers. */
    void stall() {
        stalled = true;
    }

    void resume() {
        stalled = false;
        socket.request(Long.MAX_VALUE);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
