package dev.catalog.graphql.websocket;

import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.ErrorCode;
import dev.catalog.graphql.execution.GraphQlExecutor;
import dev.catalog.graphql.security.Callers;
import dev.catalog.graphql.security.RateLimit;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a {@code GET} with {@code Upgrade: websocket} on the GraphQL endpoint into a {@link GraphQlConnection}, after
 * the endpoint's CORS check and the servlet filters: at most {@code max-connections-per-client} per client address
 * (HTTP 429 past it). The servlet container's WebSocket support (Tomcat's) does the handshake itself.
 */
public final class WebSocketUpgrade {

    private final GraphQlExecutor executor;
    private final Callers callers;
    private final RateLimit rateLimit;
    private final SlowSubscribers slowSubscribers;
    private final JsonMapper json;
    private final SubscriptionProperties properties;
    private final ClientConnections connections;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("graphql-ws-timers").factory());

    public WebSocketUpgrade(GraphQlExecutor executor, Callers callers, RateLimit rateLimit,
                            SlowSubscribers slowSubscribers, JsonMapper json, SubscriptionProperties properties) {
        this.slowSubscribers = slowSubscribers;
        this.executor = executor;
        this.callers = callers;
        this.rateLimit = rateLimit;
        this.json = json;
        this.properties = properties;
        this.connections = new ClientConnections(properties.maxConnectionsPerClient());
    }

    /** Whether {@code request} asks for a WebSocket. */
    public static boolean requested(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    public void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ServerContainer container = (ServerContainer) request.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) {
            ErrorBodies.write(response, HttpStatus.NOT_IMPLEMENTED.value(), ErrorCode.BAD_REQUEST.name(),
                    "This server has no WebSocket support.");
            return;
        }
        String client = callers.clientKey(request);
        if (!connections.tryOpen(client)) {
            ErrorBodies.write(response, HttpStatus.TOO_MANY_REQUESTS.value(), ErrorCode.RATE_LIMITED.name(),
                    "At most " + connections.maxPerClient() + " WebSocket connections per client; close one first.");
            return;
        }
        var handshake = new GraphQlConnection.Handshake(request.getHeader(HttpHeaders.AUTHORIZATION),
                callers.isLocal(request), request.getLocale(), client);
        var connection = new GraphQlConnection(executor, callers, rateLimit, slowSubscribers, json, properties, timers, handshake,
                () -> connections.closed(client));
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(GraphQlConnection.class, request.getServletPath())
                .subprotocols(List.of(GraphQlConnection.PROTOCOL))
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(connection);
                    }
                })
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException e) {
            throw new IOException(e);
        } finally {
            if (response.getStatus() != HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                connections.closed(client); // the handshake was refused: no connection opened
            }
        }
    }
}
