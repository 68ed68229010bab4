package dev.catalog.graphql.websocket;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Bounds of GraphQL over WebSocket, under {@code catalog.subscriptions}.
 *
 * @param maxPerConnection         operations running at once on one connection ({@code CATALOG_SUBSCRIPTIONS_MAX_PER_CONNECTION})
 * @param maxConnectionsPerClient  open connections per client address, on this instance
 *                                 ({@code CATALOG_SUBSCRIPTIONS_MAX_CONNECTIONS_PER_CLIENT})
 * @param connectionInitTimeout    how long a new connection may wait before its {@code connection_init}
 *                                 ({@code CATALOG_SUBSCRIPTIONS_CONNECTION_INIT_TIMEOUT})
 * @param sendTimeout              how long one message may take to reach a client before the connection is closed as
 *                                 too slow ({@code CATALOG_SUBSCRIPTIONS_SEND_TIMEOUT})
 * @param maxMessageSize           the largest message a client may send ({@code CATALOG_SUBSCRIPTIONS_MAX_MESSAGE_SIZE})
 */
@ConfigurationProperties("catalog.subscriptions")
public record SubscriptionProperties(
        @DefaultValue("32") int maxPerConnection,
        @DefaultValue("16") int maxConnectionsPerClient,
        @DefaultValue("10s") Duration connectionInitTimeout,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("64KB") DataSize maxMessageSize) {

    public SubscriptionProperties {
        if (maxPerConnection < 1 || maxConnectionsPerClient < 1) {
            throw new IllegalArgumentException("catalog.subscriptions.max-per-connection and "
                    + "max-connections-per-client must be at least 1, got " + maxPerConnection + " and "
                    + maxConnectionsPerClient);
        }
        if (!connectionInitTimeout.isPositive() || !sendTimeout.isPositive()) {
            throw new IllegalArgumentException("catalog.subscriptions.connection-init-timeout and send-timeout "
                    + "must be positive, got " + connectionInitTimeout + " and " + sendTimeout);
        }
        if (maxMessageSize.toBytes() < 1024 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("catalog.subscriptions.max-message-size must be 1KB to 2GB, got "
                    + maxMessageSize);
        }
    }
}
