package dev.catalog.graphql.error;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a request refused before GraphQL runs (rate limit, body size, media type, bad token,
 * malformed request), shaped like a GraphQL response with errors only, so clients read one shape:
 * {@code {"errors":[{"message":...,"extensions":{"code":...}}]}}.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** The body as a map, for writers that serialize it themselves (functional routes). */
    public static Map<String, Object> of(String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("extensions", Map.of("code", code));
        return Map.of("errors", List.of(error));
    }

    /** Answers a servlet response with {@code status} and the body, as {@code application/json}. */
    public static void write(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = JsonMapper.shared().writeValueAsBytes(of(code, message));
        // Its length lets a client read the whole answer even when the connection is closed (or reset) after it.
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
