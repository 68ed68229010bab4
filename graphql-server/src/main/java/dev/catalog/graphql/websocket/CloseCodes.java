package dev.catalog.graphql.websocket;

import jakarta.websocket.CloseReason;

/** The close codes of graphql-transport-ws, and those of RFC 6455 this transport uses. */
enum CloseCodes {
    /** A binary message, or one that is not JSON, not an object, of an unknown type or without what its type needs. */
    INVALID_MESSAGE(4400),
    /** {@code subscribe} before the connection was acknowledged. */
    UNAUTHORIZED(4401),
    /** {@code connection_init} with a token that is not valid, or the connection's token has expired. */
    FORBIDDEN(4403),
    /** The client did not offer the {@code graphql-transport-ws} subprotocol. */
    SUBPROTOCOL_NOT_ACCEPTABLE(4406),
    /** No {@code connection_init} within {@code connection-init-timeout}. */
    CONNECTION_INIT_TIMEOUT(4408),
    /** {@code subscribe} with the id of an operation still running. */
    SUBSCRIBER_ALREADY_EXISTS(4409),
    /** A second {@code connection_init}. */
    TOO_MANY_INITIALISATION_REQUESTS(4429),
    /** The token cannot be checked now, or the server failed. */
    INTERNAL_ERROR(4500),
    /** The client reads its messages slower than they come: dropped rather than buffered without bound. */
    SLOW_CONSUMER(1008),
    /** The service is shutting down. */
    GOING_AWAY(1001);

    private final int code;

    CloseCodes(int code) {
        this.code = code;
    }

    CloseReason reason(String text) {
        // A close frame holds at most 123 bytes of reason.
        String reason = text.length() > 120 ? text.substring(0, 120) : text;
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason);
    }
}
