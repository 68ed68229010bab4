package dev.catalog.graphql.http;

import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.graphql.MediaTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

/** Content negotiation and GraphQL-shaped 4xx bodies of the GraphQL endpoint. */
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
    static MediaType negotiate(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (values.isEmpty()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(MediaType.parseMediaTypes(values));
        } catch (InvalidMediaTypeException e) {
            return null;
        }
        if (accepted.isEmpty()) {
            return MediaType.APPLICATION_JSON;
        }
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

    /**
     * A request refused before execution, answered in the negotiated media type with a GraphQL-shaped body:
     * {@code {"errors":[{"message":...,"extensions":{"code":"BAD_REQUEST"}}]}}.
     */
    static void writeError(HttpServletResponse response, HttpStatus status, MediaType mediaType, String message,
                           JsonMapper json) throws IOException {
        response.setStatus(status.value());
        response.setContentType(mediaType.toString());
        json.writeValue(response.getOutputStream(), ErrorBodies.of(ErrorCode.BAD_REQUEST.name(), message));
    }
}
