package dev.catalog.graphql.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

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
    public static GraphQlRequest of(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        JsonNode query = request.get("query");
        JsonNode documentId = absent(request.get("documentId")) ? request.get("doc_id") : request.get("documentId");
        if (!absent(documentId) && (!documentId.isString() || documentId.asString().isEmpty())) {
            throw new InvalidRequestException("`documentId` must be a non-empty string.");
        }
        Map<String, Object> extensions = object(request.get("extensions"), "extensions");
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
                object(request.get("variables"), "variables"), extensions,
                absent(documentId) ? null : documentId.asString());
    }

    private static Map<String, Object> object(JsonNode value, String name) {
        if (absent(value)) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new InvalidRequestException("`" + name + "` must be a JSON object or null.");
        }
        return map(value);
    }

    /**
     * The plain Java form of a parsed JSON object, as Jackson binds one to a {@code Map}: objects in order, arrays as
     * lists, numbers as the parser read them (Integer, Long or BigInteger; Double). Walked here rather than bound
     * again by the mapper, which looks the target type up in its shared cache on every request.
     */
    private static Map<String, Object> map(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            map.put(property.getKey(), plain(property.getValue()));
        }
        return map;
    }

    private static Object plain(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> map(value);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(value.size());
                for (JsonNode item : value.values()) {
                    list.add(plain(item));
                }
                yield list;
            }
            case STRING -> value.asString();
            case NUMBER -> value.numberValue();
            case BOOLEAN -> value.booleanValue();
            case NULL, MISSING -> null;
            case BINARY, POJO -> throw new IllegalArgumentException("Parsed JSON holds no " + value.getNodeType());
        };
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
