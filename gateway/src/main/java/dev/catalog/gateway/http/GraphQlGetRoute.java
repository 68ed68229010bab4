package dev.catalog.gateway.http;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /graphql?query=...&variables=...&operationName=...} for queries, as the GraphQL-over-HTTP
 * specification describes. A mutation over GET is answered 405 with {@code Allow: POST} and is never
 * executed (GET must be safe: browsers and caches replay it). The request runs through the same
 * {@link WebGraphQlHandler} as POST, so interceptors, limits and errors are identical.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlGetRoute {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlGet(@Value("${spring.graphql.http.path:/graphql}") String path,
                                              WebGraphQlHandler handler, JsonMapper json) {
        return RouterFunctions.route(RequestPredicates.GET(path), request -> handle(request, handler, json));
    }

    private static ServerResponse handle(ServerRequest request, WebGraphQlHandler handler, JsonMapper json) {
        MediaType mediaType = GraphQlHttp.negotiate(request);
        if (mediaType == null) {
            return GraphQlHttp.notAcceptable();
        }
        if (request.param("query").isEmpty()) {
            return GraphQlHttp.badRequest(mediaType, "The request has no `query` parameter.");
        }
        String query = request.param("query").get();
        String operationName = request.param("operationName").filter(name -> !name.isEmpty()).orElse(null);
        if (isMutation(query, operationName)) {
            return GraphQlHttp.error(ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header(HttpHeaders.ALLOW, HttpMethod.POST.name()), mediaType, "Mutations must be sent with POST.");
        }
        Map<String, Object> variables;
        Map<String, Object> extensions;
        try {
            variables = jsonObject(json, request.param("variables"));
            extensions = jsonObject(json, request.param("extensions"));
        } catch (JacksonException | IllegalArgumentException e) {
            return GraphQlHttp.badRequest(mediaType, "`variables` and `extensions` must be JSON objects.");
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("operationName", operationName);
        body.put("variables", variables);
        body.put("extensions", extensions);
        InetSocketAddress remote = request.remoteAddress().orElse(null);
        WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
                new LinkedMultiValueMap<>(), remote, request.attributes(), body,
                request.servletRequest().getRequestId(), request.servletRequest().getLocale());
        WebGraphQlResponse response = handler.handleRequest(graphQlRequest).block();
        HttpStatus status = !response.getExecutionResult().isDataPresent()
                && GraphQlHttp.GRAPHQL_RESPONSE.equals(mediaType) ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        return ServerResponse.status(status)
                .headers(headers -> headers.putAll(response.getResponseHeaders()))
                .contentType(mediaType)
                .body(response.toMap());
    }

    /** True when the operation to run is a mutation; a document that does not parse is left to execution. */
    private static boolean isMutation(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        Optional<OperationDefinition> chosen = operationName == null
                ? (operations.size() == 1 ? Optional.of(operations.getFirst()) : Optional.empty())
                : operations.stream().filter(op -> operationName.equals(op.getName())).findFirst();
        return chosen.map(op -> op.getOperation() == OperationDefinition.Operation.MUTATION).orElse(false);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(JsonMapper json, Optional<String> text) {
        if (text.isEmpty() || text.get().isBlank()) {
            return Map.of();
        }
        Object value = json.readValue(text.get(), Object.class);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return (Map<String, Object>) map;
    }
}
