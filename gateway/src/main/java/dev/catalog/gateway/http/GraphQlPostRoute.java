package dev.catalog.gateway.http;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /graphql} in front of Spring's {@link GraphQlHttpHandler}, which executes the request. Spring
 * alone answers malformed requests with Spring Boot's error JSON instead of a GraphQL-shaped body, turns
 * {@code "query": 1} into the document {@code "1"} (Jackson coerces scalars to strings), and answers an
 * unacceptable {@code Accept} with 415. This route checks, in order: Accept (406), Content-Type (415), that
 * the body is a JSON object with a string {@code query}, an optional string {@code operationName} and
 * optional object {@code variables} and {@code extensions} (400); then it hands the same bytes to Spring.
 *
 * <p>It is a route, not a servlet filter, so that it runs after every filter (security, body size limit):
 * the body it reads has already passed those.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlPostRoute {

    /** Spring's handler also reads {@code application/graphql} bodies as JSON, for older clients. */
    private static final List<MediaType> CONSUMABLE = List.of(MediaType.APPLICATION_JSON,
            MediaType.parseMediaType("application/graphql"));

    private static final Set<HttpMethod> SERVED = Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD,
            HttpMethod.OPTIONS);

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlPost(@Value("${spring.graphql.http.path:/graphql}") String path,
                                               GraphQlHttpHandler handler, JsonMapper json) {
        return RouterFunctions.route(RequestPredicates.POST(path), request -> handle(request, handler, json))
                // PUT, DELETE, PATCH...: 405 naming what is served, rather than a 404 for an existing endpoint.
                .andRoute(RequestPredicates.path(path).and(request -> !SERVED.contains(request.method())),
                        request -> GraphQlHttp.error(ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                                        .header(HttpHeaders.ALLOW, "GET, POST"), MediaType.APPLICATION_JSON,
                                "Use POST, or GET for queries."));
    }

    private static ServerResponse handle(ServerRequest request, GraphQlHttpHandler handler, JsonMapper json)
            throws Exception {
        MediaType mediaType = GraphQlHttp.negotiate(request);
        if (mediaType == null) {
            return GraphQlHttp.notAcceptable();
        }
        if (!consumable(request)) {
            return GraphQlHttp.error(ServerResponse.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                            .header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE), mediaType,
                    "Send the request as Content-Type: application/json.");
        }
        byte[] body = request.body(byte[].class);
        String problem = problemWith(body, json);
        if (problem != null) {
            return GraphQlHttp.badRequest(mediaType, problem);
        }
        // Spring negotiates on its own; handing it the media type chosen here keeps GET and POST identical.
        ServerRequest checked = ServerRequest.from(request)
                .headers(headers -> headers.setAccept(List.of(mediaType)))
                .body(body)
                .build();
        return handler.handleRequest(checked);
    }

    private static boolean consumable(ServerRequest request) {
        try {
            return request.headers().contentType()
                    .map(type -> CONSUMABLE.stream().anyMatch(consumable -> consumable.includes(type)))
                    .orElse(false);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Why the body is not a GraphQL-over-HTTP request, or {@code null} when it is one. */
    private static String problemWith(byte[] body, JsonMapper json) {
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JacksonException e) {
            return "The request body is not valid JSON.";
        }
        if (request == null || !request.isObject()) {
            return "The request body must be a JSON object.";
        }
        JsonNode query = request.get("query");
        if (query == null || query.isNull()) {
            return "The request has no `query`.";
        }
        if (!query.isString()) {
            return "`query` must be a string.";
        }
        if (!absentOr(request.get("operationName"), JsonNode::isString)) {
            return "`operationName` must be a string or null.";
        }
        if (!absentOr(request.get("variables"), JsonNode::isObject)) {
            return "`variables` must be a JSON object or null.";
        }
        if (!absentOr(request.get("extensions"), JsonNode::isObject)) {
            return "`extensions` must be a JSON object or null.";
        }
        return null;
    }

    private static boolean absentOr(JsonNode value, Predicate<JsonNode> valid) {
        return value == null || value.isNull() || valid.test(value);
    }
}
