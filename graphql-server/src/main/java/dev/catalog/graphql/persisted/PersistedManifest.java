package dev.catalog.graphql.persisted;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A list of trusted documents, read from Apollo's persisted query list
 * ({@code {"format": "apollo-persisted-query-manifest", "version": 1, "operations": [{"id", "body", ...}]}}) or
 * Relay's map ({@code {"<id>": "<document>"}}), into the documents to store: each under its id, and under its
 * SHA-256 when that differs, so that it is found sent in full as well as by id.
 */
public final class PersistedManifest {

    private PersistedManifest() {
    }

    /**
     * @throws IllegalArgumentException when {@code text} is neither form, saying what is wrong
     */
    public static Map<String, String> read(String text, JsonMapper json) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("The manifest is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("A manifest is a JSON object: Apollo's persisted query list, or "
                    + "Relay's map of ids to documents.");
        }
        Map<String, String> documents = new LinkedHashMap<>();
        if (root.has("format")) {
            if (!"apollo-persisted-query-manifest".equals(root.path("format").asString(""))
                    || root.path("version").asInt(0) != 1 || !root.path("operations").isArray()) {
                throw new IllegalArgumentException("An Apollo manifest has format apollo-persisted-query-manifest, "
                        + "version 1 and an operations array.");
            }
            int index = 0;
            for (JsonNode operation : root.get("operations")) {
                String id = operation.path("id").asString("");
                String body = operation.path("body").asString("");
                if (id.isEmpty() || body.isEmpty()) {
                    throw new IllegalArgumentException("Operation " + index + " of the manifest lacks its id or body.");
                }
                add(documents, id, body);
                index++;
            }
        } else {
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                if (!entry.getValue().isString() || entry.getKey().isEmpty()) {
                    throw new IllegalArgumentException("A Relay manifest maps ids to documents (strings); "
                            + entry.getKey() + " is not one.");
                }
                add(documents, entry.getKey(), entry.getValue().asString());
            }
        }
        return documents;
    }

    private static void add(Map<String, String> documents, String id, String body) {
        if (id.length() > 200) {
            throw new IllegalArgumentException("A document id has at most 200 characters: " + id.substring(0, 40)
                    + "...");
        }
        documents.put(id, body);
        documents.putIfAbsent(DocumentHash.sha256(body), body);
    }
}
