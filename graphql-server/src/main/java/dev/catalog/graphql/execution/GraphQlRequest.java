package dev.catalog.graphql.execution;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One GraphQL request, whatever carried it (an HTTP body or query string, a {@code subscribe} message): the
 * document, and the optional rest.
 *
 * @param operationName which operation of the document to run; {@code null} when it has only one
 * @param variables     never {@code null}
 * @param extensions    never {@code null}
 */
public record GraphQlRequest(String query, String operationName, Map<String, Object> variables,
                             Map<String, Object> extensions) {

    /**
     * Reads a request from its JSON form: an object with a string {@code query}, an optional string
     * {@code operationName}, optional objects {@code variables} and {@code extensions}.
     *
     * @throws InvalidRequestException saying what is wrong, when {@code request} is not such an object
     */
    public static GraphQlRequest of(JsonNode request, JsonMapper json) {
        if (request == null || !request.isObject()) {
            throw new InvalidRequestException("The request body must be a JSON object.");
        }
        JsonNode query = request.get("query");
        if (absent(query)) {
            throw new InvalidRequestException("The request has no `query`.");
        }
        if (!query.isString()) {
            throw new InvalidRequestException("`query` must be a string.");
        }
        JsonNode operationName = request.get("operationName");
        if (!absent(operationName) && !operationName.isString()) {
            throw new InvalidRequestException("`operationName` must be a string or null.");
        }
        return new GraphQlRequest(query.asString(), absent(operationName) ? null : operationName.asString(),
                object(request.get("variables"), "variables", json), object(request.get("extensions"), "extensions", json));
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
