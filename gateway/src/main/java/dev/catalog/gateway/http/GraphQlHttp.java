package dev.catalog.gateway.http;

import dev.catalog.gateway.error.ErrorBodies;
import dev.catalog.gateway.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** What GET and POST on the GraphQL endpoint share: content negotiation and GraphQL-shaped 4xx bodies. */
final class GraphQlHttp {

    static final MediaType GRAPHQL_RESPONSE = MediaTypes.APPLICATION_GRAPHQL_RESPONSE;

    private GraphQlHttp() {
    }

    /**
     * The response media type for the request's {@code Accept}, or {@code null} when it accepts neither.
     * {@code application/graphql-response+json} only when the client names it (it changes status codes:
     * 400 instead of 200 for requests that fail before execution); {@code application/json} for no Accept
     * and for wildcards, as legacy clients expect.
     */
    static MediaType negotiate(ServerRequest request) {
        List<MediaType> accepted;
        try {
            accepted = request.headers().accept();
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        if (accepted.isEmpty()) {
            return MediaType.APPLICATION_JSON;
        }
        accepted = new ArrayList<>(accepted);
        // Quality first, then specificity: "application/graphql-response+json;q=0.1, application/json" is JSON.
        MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType wanted : accepted) {
            if (wanted.getQualityValue() == 0) {
                continue;
            }
            if (wanted.equalsTypeAndSubtype(GRAPHQL_RESPONSE)) {
                return GRAPHQL_RESPONSE;
            }
            if (wanted.includes(MediaType.APPLICATION_JSON)) {
                return MediaType.APPLICATION_JSON;
            }
            if (wanted.includes(GRAPHQL_RESPONSE)) {
                return GRAPHQL_RESPONSE;
            }
        }
        return null;
    }

    /** 406 without a body: the client accepts no media type we could write one in. */
    static ServerResponse notAcceptable() {
        return ServerResponse.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    /**
     * A request refused before execution, answered in the negotiated media type with a GraphQL-shaped body:
     * {@code {"errors":[{"message":...,"extensions":{"code":"BAD_REQUEST"}}]}}.
     */
    static ServerResponse error(ServerResponse.BodyBuilder response, MediaType mediaType, String message) {
        return response.contentType(mediaType).body(ErrorBodies.of(ErrorCode.BAD_REQUEST.name(), message));
    }

    static ServerResponse badRequest(MediaType mediaType, String message) {
        return error(ServerResponse.status(HttpStatus.BAD_REQUEST), mediaType, message);
    }
}
