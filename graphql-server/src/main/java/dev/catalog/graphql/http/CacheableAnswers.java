package dev.catalog.graphql.http;

import dev.catalog.graphql.execution.GraphQlJson;
import dev.catalog.graphql.persisted.DocumentHash;
import graphql.ExecutionResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to a persisted query sent with {@code GET}, as caches and clients can keep it: with an {@code ETag} of
 * its bytes, and {@code Cache-Control: public, max-age} when anyone may read it (no token, no error), else
 * {@code private, no-store}; a request whose {@code If-None-Match} names the answer's ETag gets 304 and no body.
 *
 * <p>Read-your-writes: a client that writes sends a token, and its reads are then never kept by a shared cache; a
 * client without one asks {@code Cache-Control: no-cache} to pass a cache that honours it (the compose file's Nginx
 * does).
 */
public final class CacheableAnswers {

    private final String publicCacheControl;

    /** @param maxAge how long a shared cache may keep a public answer; 0: it must revalidate each time */
    public CacheableAnswers(Duration maxAge) {
        this.publicCacheControl = maxAge.isZero() ? "public, no-cache" : "public, max-age=" + maxAge.toSeconds();
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, ExecutionResult result,
               JsonMapper json) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JsonGenerator generator = json.createGenerator(buffer)) {
            GraphQlJson.write(generator, result.toSpecification());
        }
        byte[] body = buffer.toByteArray();
        boolean shared = status == HttpStatus.OK && result.getErrors().isEmpty()
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null;
        response.setHeader(HttpHeaders.VARY, "Accept, Authorization");
        if (!shared) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
            response.setStatus(status.value());
            response.getOutputStream().write(body);
            return;
        }
        String etag = "\"" + DocumentHash.sha256(body).substring(0, 32) + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CACHE_CONTROL, publicCacheControl);
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            response.setContentType(null);
            return;
        }
        response.setStatus(status.value());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** {@code If-None-Match}: {@code *}, or a list of tags, weak ones compared as strong (RFC 9110's weak comparison). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
