package dev.catalog.graphql.http;

import dev.catalog.graphql.execution.GraphQlExecutor;
import dev.catalog.graphql.execution.GraphQlJson;
import dev.catalog.graphql.execution.GraphQlRequest;
import dev.catalog.graphql.execution.OperationSelection;
import dev.catalog.graphql.execution.PersistedDocuments;
import dev.catalog.graphql.security.Callers;
import dev.catalog.graphql.upload.MultipartRequests;
import dev.catalog.graphql.websocket.WebSocketUpgrade;
import graphql.ExecutionResult;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GraphQL endpoint, as the GraphQL-over-HTTP specification describes it: {@code POST} with a JSON body,
 * {@code GET} with query parameters for queries only, answered in the negotiated media type; and, on the combined
 * endpoint, a {@code GET} that asks for a WebSocket ({@link WebSocketUpgrade}) and a {@code multipart/form-data}
 * {@code POST} that carries files ({@link MultipartRequests}). A plain servlet
 * that runs the whole request on its own (virtual) thread, in one pass: CORS, then the caller
 * ({@link Callers}), then the operation ({@link GraphQlExecutor}), whose result it writes. No second dispatch,
 * no per-request filter chain of Spring MVC or Spring Security, no reactive pipeline.
 *
 * <p>What it refuses, before anything runs, with a GraphQL-shaped body: an unacceptable {@code Accept} (406,
 * no body), another Content-Type (415), a body that is not a JSON object with a string {@code query}, an
 * optional string {@code operationName} and optional object {@code variables} and {@code extensions} (400), a
 * mutation over GET (405, {@code Allow: POST}; GET must be safe), another method (405), a request from an origin
 * that is not allowed (403), an invalid or unverifiable bearer token (401, 503). The servlet filters in front
 * (path, rate, body size, form posts) have run already.
 */
public final class GraphQlEndpoint extends HttpServlet {

    /** Spring's handler also reads {@code application/graphql} bodies as JSON, for older clients. */
    private static final List<MediaType> CONSUMABLE = List.of(MediaType.APPLICATION_JSON,
            MediaType.parseMediaType("application/graphql"));

    private final transient GraphQlExecutor executor;
    private final transient Callers callers;
    private final transient CorsConfigurationSource cors;
    private final transient DefaultCorsProcessor corsProcessor = new DefaultCorsProcessor();
    private final transient JsonMapper json;
    private final transient WebSocketUpgrade webSocket;
    private final transient MultipartRequests uploads;
    private final transient CacheableAnswers cacheable;
    /** Whether a GET's document runs a mutation, for the last documents seen. */
    private final transient Map<String, Boolean> operationKinds = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 1000;
                }
            });

    /**
     * @param webSocket how this endpoint takes WebSocket connections; {@code null} when it takes none
     * @param uploads   how this endpoint reads multipart requests (files); {@code null} when it takes none
     * @param cacheable how the answers to persisted queries over GET are made cacheable
     */
    public GraphQlEndpoint(GraphQlExecutor executor, Callers callers, CorsConfigurationSource cors, JsonMapper json,
                           WebSocketUpgrade webSocket, MultipartRequests uploads, CacheableAnswers cacheable) {
        this.executor = executor;
        this.cacheable = cacheable;
        this.webSocket = webSocket;
        this.uploads = uploads;
        this.callers = callers;
        this.cors = cors;
        this.json = json;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CorsConfiguration corsConfiguration = CorsUtils.isCorsRequest(request) ? cors.getCorsConfiguration(request) : null;
        if (corsConfiguration != null && (!corsProcessor.processRequest(corsConfiguration, request, response)
                || CorsUtils.isPreFlightRequest(request))) {
            return; // refused (403), or a preflight answered
        }
        if (webSocket != null && WebSocketUpgrade.requested(request)) {
            webSocket.upgrade(request, response);
            return;
        }
        switch (request.getMethod()) {
            case "POST" -> post(request, response);
            case "GET", "HEAD" -> get(request, response);
            case "OPTIONS" -> response.setHeader(HttpHeaders.ALLOW, "GET, POST, OPTIONS");
            default -> {
                response.setHeader(HttpHeaders.ALLOW, "GET, POST");
                GraphQlHttp.writeError(response, HttpStatus.METHOD_NOT_ALLOWED, MediaType.APPLICATION_JSON,
                        "Use POST, or GET for queries.", json);
            }
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MediaType mediaType = GraphQlHttp.negotiate(request);
        if (mediaType == null) {
            response.setStatus(HttpStatus.NOT_ACCEPTABLE.value());
            return;
        }
        if (uploads != null && MultipartRequests.isMultipart(request)) {
            postMultipart(request, response, mediaType);
            return;
        }
        if (!consumable(request)) {
            response.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
            GraphQlHttp.writeError(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, mediaType,
                    "Send the request as Content-Type: application/json.", json);
            return;
        }
        GraphQlRequest body;
        try {
            body = GraphQlRequest.of(json.readTree(request.getInputStream()));
        } catch (JacksonException e) {
            GraphQlHttp.writeError(response, HttpStatus.BAD_REQUEST, mediaType, "The request body is not valid JSON.", json);
            return;
        } catch (GraphQlRequest.InvalidRequestException e) {
            GraphQlHttp.writeError(response, HttpStatus.BAD_REQUEST, mediaType, e.getMessage(), json);
            return;
        }
        execute(request, response, mediaType, body, false);
    }

    /** A request with files ({@link MultipartRequests}); the cross-site guard has checked its preflight header. */
    private void postMultipart(HttpServletRequest request, HttpServletResponse response, MediaType mediaType)
            throws IOException {
        GraphQlRequest body;
        try {
            body = uploads.read(request);
        } catch (MultipartRequests.UploadTooLargeException e) {
            response.setHeader(HttpHeaders.CONNECTION, "close"); // the rest of the body is not read
            GraphQlHttp.writeError(response, HttpStatus.CONTENT_TOO_LARGE, mediaType, e.getMessage(), json);
            return;
        } catch (GraphQlRequest.InvalidRequestException e) {
            GraphQlHttp.writeError(response, HttpStatus.BAD_REQUEST, mediaType, e.getMessage(), json);
            return;
        } catch (ServletException e) {
            GraphQlHttp.writeError(response, HttpStatus.BAD_REQUEST, mediaType,
                    "The multipart request cannot be read: " + e.getMessage(), json);
            return;
        }
        execute(request, response, mediaType, body, false);
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        MediaType mediaType = GraphQlHttp.negotiate(request);
        if (mediaType == null) {
            response.setStatus(HttpStatus.NOT_ACCEPTABLE.value());
            return;
        }
        String query = request.getParameter("query");
        String operationName = Optional.ofNullable(request.getParameter("operationName"))
                .filter(name -> !name.isEmpty()).orElse(null);
        String documentId = Optional.ofNullable(request.getParameter("documentId"))
                .filter(id -> !id.isEmpty()).orElse(null);
        GraphQlRequest body;
        try {
            body = new GraphQlRequest(query, operationName, jsonObject(request.getParameter("variables")),
                    jsonObject(request.getParameter("extensions")), documentId);
        } catch (JacksonException | IllegalArgumentException e) {
            GraphQlHttp.writeError(response, HttpStatus.BAD_REQUEST, mediaType,
                    "`variables` and `extensions` must be JSON objects.", json);
            return;
        }
        if (query == null && !body.namesPersistedDocument()) {
            GraphQlHttp.writeError(response, HttpStatus.BAD_REQUEST, mediaType, "The request has no `query` parameter.", json);
            return;
        }
        execute(request, response, mediaType, body, true);
    }

    /**
     * Authenticates the caller, resolves a persisted document the request names, and runs it. Over {@code GET} only
     * queries run, and the answer to a persisted query is cacheable ({@link CacheableAnswers}).
     */
    private void execute(HttpServletRequest request, HttpServletResponse response, MediaType mediaType,
                         GraphQlRequest body, boolean get) throws IOException {
        Authentication caller = callers.authenticate(request, response);
        if (caller == null) {
            return;
        }
        PersistedDocuments.Resolution resolution = executor.resolve(body, caller);
        GraphQlRequest resolved = resolution.request();
        if (get && resolved != null && isMutation(resolved.query(), resolved.operationName())) {
            response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
            GraphQlHttp.writeError(response, HttpStatus.METHOD_NOT_ALLOWED, mediaType, "Mutations must be sent with POST.", json);
            return;
        }
        ExecutionResult result = executor.run(resolution, caller, request.getLocale());
        if (result.getData() instanceof Publisher<?>) {
            // A subscription's answer is a stream, which graphql-transport-ws carries and a single HTTP answer cannot.
            GraphQlHttp.writeError(response, HttpStatus.BAD_REQUEST, mediaType, "Subscriptions are served over "
                    + "WebSocket (graphql-transport-ws) at this path, not over HTTP " + request.getMethod() + ".", json);
            return;
        }
        // A persisted document's refusal (PERSISTED_QUERY_NOT_FOUND above all) is 200, as Apollo's clients expect it.
        HttpStatus status = resolution.refusal() == null && !result.isDataPresent()
                && GraphQlHttp.GRAPHQL_RESPONSE.equals(mediaType) ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        response.setContentType(mediaType.toString());
        if (get && body.namesPersistedDocument() && resolution.refusal() == null) {
            cacheable.write(request, response, status, result, json);
            return;
        }
        if (get && resolution.refusal() != null) {
            // PERSISTED_QUERY_NOT_FOUND above all: kept by a cache, it would send every client back to the full
            // document for as long as the cache keeps it.
            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        }
        response.setStatus(status.value());
        try (JsonGenerator generator = json.createGenerator(response.getOutputStream())) {
            GraphQlJson.write(generator, result.toSpecification());
        }
    }

    private static boolean consumable(HttpServletRequest request) {
        String contentType = request.getContentType();
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return CONSUMABLE.stream().anyMatch(consumable -> consumable.includes(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> jsonObject(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Object value = json.readValue(text, Object.class);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) map;
    }

    /** True when the operation to run is a mutation; a document that does not parse is left to execution. */
    private boolean isMutation(String query, String operationName) {
        // GETs repeat the same few documents (persisted queries above all): parsing each again cost more than the
        // rest of a small read.
        String key = operationName == null ? query : operationName + "\n" + query;
        Boolean known = operationKinds.get(key);
        if (known != null) {
            return known;
        }
        boolean mutation;
        try {
            mutation = OperationSelection.select(Parser.parse(query), operationName)
                    .map(op -> op.getOperation() == OperationDefinition.Operation.MUTATION).orElse(false);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        operationKinds.put(key, mutation);
        return mutation;
    }

}
