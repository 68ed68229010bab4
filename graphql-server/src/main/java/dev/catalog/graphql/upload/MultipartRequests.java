package dev.catalog.graphql.upload;

import dev.catalog.graphql.execution.GraphQlRequest;
import dev.catalog.graphql.media.MultipartForms;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a GraphQL multipart request into a {@link GraphQlRequest} whose {@code Upload} variables hold the files.
 *
 * <p>The parts: {@code operations}, the request as JSON (one operation: batches are not offered); {@code map}, a
 * JSON object from each file part's name to the variable paths it fills ({@code "variables.file"},
 * {@code "variables.files.0"}); then the files. Every path must lead to a null in {@code operations}, and every
 * named file must be there.
 */
public final class MultipartRequests {

    private final JsonMapper json;
    private final long maxOperationsBytes;

    /** @param maxOperationsBytes the largest {@code operations} or {@code map} part, as the largest JSON body */
    public MultipartRequests(JsonMapper json, long maxOperationsBytes) {
        this.json = json;
        this.maxOperationsBytes = maxOperationsBytes;
    }

    /** Whether the request is a multipart form, which only this reader takes. */
    public static boolean isMultipart(HttpServletRequest request) {
        return MultipartForms.is(request.getContentType());
    }

    /**
     * @throws UploadTooLargeException when a file or the whole request is over its limit (Tomcat stopped reading)
     * @throws GraphQlRequest.InvalidRequestException saying what is wrong with the parts
     */
    public GraphQlRequest read(HttpServletRequest request) throws IOException, ServletException {
        try {
            request.getParts(); // reads the body, within the servlet's multipart limits
        } catch (IllegalStateException e) {
            throw new UploadTooLargeException(e);
        }
        JsonNode operations = jsonPart(request, "operations");
        if (operations.isArray()) {
            throw new GraphQlRequest.InvalidRequestException(
                    "Batched operations are not supported; send one operation per request.");
        }
        GraphQlRequest graphQl = GraphQlRequest.of(operations);
        JsonNode map = jsonPart(request, "map");
        if (!map.isObject()) {
            throw invalid("`map` must be a JSON object from file part names to variable paths.");
        }
        Set<String> filled = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            Part file = request.getPart(entry.getKey());
            if (file == null || file.getSubmittedFileName() == null) {
                throw invalid("`map` names the file part `" + entry.getKey() + "`, which the request does not have.");
            }
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw invalid("`map` must give each file a non-empty array of variable paths.");
            }
            for (JsonNode path : entry.getValue()) {
                if (!path.isString() || !filled.add(path.asString())) {
                    throw invalid("Each path of `map` must be a string, given once.");
                }
                fill(graphQl.variables(), path.asString(), new FileUpload(file));
            }
        }
        return graphQl;
    }

    private JsonNode jsonPart(HttpServletRequest request, String name) throws IOException, ServletException {
        Part part = request.getPart(name);
        if (part == null || part.getSubmittedFileName() != null) {
            throw invalid("A multipart GraphQL request needs the field `" + name + "` (the GraphQL multipart request "
                    + "specification: `operations`, then `map`, then the files).");
        }
        if (part.getSize() > maxOperationsBytes) {
            throw new UploadTooLargeException("The `" + name + "` field is larger than " + maxOperationsBytes
                    + " bytes.");
        }
        try (InputStream in = part.getInputStream()) {
            return json.readTree(in);
        } catch (JacksonException e) {
            throw invalid("The `" + name + "` field is not valid JSON.");
        }
    }

    /** Sets the null at {@code path} ({@code variables.a.0.b}) of the request's variables to {@code file}. */
    @SuppressWarnings("unchecked")
    private static void fill(Map<String, Object> variables, String path, FileUpload file) {
        String[] steps = path.split("\\.", -1);
        if (steps.length < 2 || !"variables".equals(steps[0])) {
            throw invalid("The `map` path `" + path + "` does not start with `variables.`.");
        }
        Object container = variables;
        for (int i = 1; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            if (container instanceof Map<?, ?> object && object.containsKey(step)) {
                if (last) {
                    requireNull(object.get(step), path);
                    ((Map<String, Object>) object).put(step, file);
                } else {
                    container = object.get(step);
                }
            } else if (container instanceof List<?> list && isIndex(step, list.size())) {
                int index = Integer.parseInt(step);
                if (last) {
                    requireNull(list.get(index), path);
                    ((List<Object>) list).set(index, file);
                } else {
                    container = list.get(index);
                }
            } else {
                throw invalid("The `map` path `" + path + "` leads to no variable of `operations`.");
            }
        }
    }

    private static void requireNull(Object value, String path) {
        if (value != null) {
            throw invalid("The variable at `" + path + "` must be null in `operations`: the file fills it.");
        }
    }

    private static boolean isIndex(String step, int size) {
        if (step.isEmpty() || step.length() > 9 || !step.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(step) < size;
    }

    private static GraphQlRequest.InvalidRequestException invalid(String message) {
        return new GraphQlRequest.InvalidRequestException(message);
    }

    /** A file, or the whole multipart request, over its limit. */
    public static final class UploadTooLargeException extends RuntimeException {

        UploadTooLargeException(IllegalStateException cause) {
            super("The upload is larger than the limit.", cause);
        }

        UploadTooLargeException(String message) {
            super(message);
        }
    }
}
