package dev.catalog.graphql.security;

import dev.catalog.graphql.error.ErrorBodies;
import dev.catalog.graphql.error.ErrorCode;
import dev.catalog.graphql.media.MultipartForms;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cross-site request forgery protection for every POST, whatever its path (so no spelling of a GraphQL endpoint
 * escapes it): a browser sends a cross-origin POST without asking first (no CORS preflight) only with no
 * Content-Type or a "simple" one (form, multipart, text/plain). This filter answers every such POST 415 before
 * Spring Security and before any route, so such a request never executes, whatever the routes behind it do;
 * JSON POSTs (which need a preflight) pass.
 *
 * <p>File uploads are multipart POSTs, so they pass only as Apollo Server lets them: with a non-empty
 * {@code Apollo-Require-Preflight} or {@code X-Apollo-Operation-Name} header, which a form cannot send and a
 * cross-origin script cannot send without the preflight that CORS then answers. Without one, a multipart POST is
 * refused like a form post, before its body is read.
 *
 * <p>Spring's own GraphQL route and the HTTP route in {@code dev.catalog.graphql.http} also refuse these
 * media types; this filter keeps the guarantee in one place, ahead of security and body parsing.
 */
final class SimpleRequestGuard extends OncePerRequestFilter {

    /** Headers that make a browser ask first (not CORS-safelisted): either lets a multipart POST through. */
    static final List<String> PREFLIGHT_HEADERS = List.of("Apollo-Require-Preflight", "X-Apollo-Operation-Name");

    /** What a browser can send cross-site without a preflight (Fetch standard, CORS-safelisted). */
    private static final List<MediaType> SIMPLE = List.of(MediaType.APPLICATION_FORM_URLENCODED,
            MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !HttpMethod.POST.matches(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (MultipartForms.is(contentType) && !preflighted(request)) {
            ErrorBodies.write(response, HttpStatus.BAD_REQUEST.value(), ErrorCode.BAD_REQUEST.name(),
                    "A multipart request (a file upload) must carry a non-empty Apollo-Require-Preflight or "
                            + "X-Apollo-Operation-Name header; this protects against cross-site request forgery.");
            return;
        }
        if (simple(contentType) && !MultipartForms.is(contentType)) {
            response.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
            ErrorBodies.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(), ErrorCode.BAD_REQUEST.name(),
                    "Send the request as Content-Type: application/json.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean preflighted(HttpServletRequest request) {
        return PREFLIGHT_HEADERS.stream().map(request::getHeader).anyMatch(value -> value != null && !value.isBlank());
    }

    private static boolean simple(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return true; // Unparseable: browsers treat it as not safelisted, but nothing can read it as JSON.
        }
        return SIMPLE.stream().anyMatch(simple -> simple.equalsTypeAndSubtype(type));
    }
}
