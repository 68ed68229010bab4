package dev.catalog.graphql.execution;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One GraphQL request, whatever carried it (an HTTP body or query string, a {@code subscribe} message): the
 * document, and the optional rest.
 *
 * @param query         the document; {@code null} when the request names a persisted one instead (by
 *                      {@code documentId}, or by {@code extensions.persistedQuery.sha256Hash})
 * @param operationName which operation of the document to run; {@code null} when it has only one
 * @param variables     never {@code null}
 * @param extensions    never {@code null}
 * @param documentId    a persisted document's id (the GraphQL-over-HTTP persisted documents proposal, Relay's
 *                      {@code doc_id}); {@code null} when none is named that way
 */
public record GraphQlRequest(String query, String operationName, Map<String, Object> variables,
                             Map<String, Object> extensions, String documentId) {

    /** A request that carries its document, or names it in {@code extensions.persistedQuery}. */
    public GraphQlRequest(String query, String operationName, Map<String, Object> variables,
                          Map<String, Object> extensions) {
        this(query, operationName, variables, extensions, null);
    }

    /** The same request with its document, looked up from what it named. */
    public GraphQlRequest withQuery(String document) {
        return new GraphQlRequest(document, operationName, variables, extensions, documentId);
    }

    /** Whether the request names a persisted document rather than (or as well as) carrying it. */
    public boolean namesPersistedDocument() {
        return documentId != null || extensions.get("persistedQuery") instanceof Map<?, ?>;
    }

    /**
     * Reads a request from its JSON form: an object with a string {@code query} (or a string {@code documentId}, or
     * {@code doc_id}, or an {@code extensions.persistedQuery} naming the document instead), an optional string
     * {@code operationName}, optional objects {@code variables} and {@code extensions}.
     *
     * @throws InvalidRequestException saying what is wrong, when {@code request} is not such an object
     */
    public static GraphQlRequest of(JsonNode request, JsonMapper json) {
        if (request == null || !request.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        JsonNode query = request.get("query");
        JsonNode documentId = absent(request.get("documentId")) ? request.get("doc_id") : request.get("documentId");
        if (!absent(documentId) && (!documentId.isString() || documentId.asString().isEmpty())) {
            throw new InvalidRequestException("`documentId` must be a non-empty string.");
        }
        Map<String, Object> extensions = object(request.get("extensions"), "extensions", json);
        boolean named = !absent(documentId) || extensions.get("persistedQuery") instanceof Map<?, ?>;
        if (absent(query) && !named) {
            throw new InvalidRequestException("The request has no `query`.");
        }
        if (!absent(query) && !query.isString()) {
            throw new InvalidRequestException("`query` must be a string.");
        }
        JsonNode operationName = request.get("operationName");
        if (!absent(operationName) && !operationName.isString()) {
            throw new InvalidRequestException("`operationName` must be a string or null.");
        }
        return new GraphQlRequest(absent(query) ? null : query.asString(),
                absent(operationName) ? null : operationName.asString(),
                object(request.get("variables"), "variables", json), extensions,
                absent(documentId) ? null : documentId.asString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode value, String name, JsonMapper json) {
        if (absent(value)) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new InvalidRequestException("`" + name + "` must be a JSON object or null.");
        }
        return json.treeToValue(value, Map.class);
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull();
    }

    /** A request that is not a GraphQL request; the message says why, for the client. */
    public static final class InvalidRequestException extends RuntimeException {

        public InvalidRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
