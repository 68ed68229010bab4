package dev.catalog.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts GraphQL operations over real HTTP with the JDK's {@link HttpClient} and checks every answer: HTTP
 * 200, a JSON body, no {@code errors} key and a {@code data} object. Anything else is a {@link Failure}.
 */
final class GraphQlClient implements AutoCloseable {

    /** Why a request did not succeed; the message is short enough to print and to group by. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** A successful answer: its {@code data} object. */
    record Answer(JsonNode data) {
    }

    private static final int MAX_BODY_IN_MESSAGE = 160;

    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;
    private final String authorization;
    private final JsonMapper json = JsonMapper.builder().build();

    GraphQlClient(URI endpoint, Duration timeout, String bearerToken) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.authorization = bearerToken == null || bearerToken.isBlank() ? null : "Bearer " + bearerToken.strip();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Runs {@code query} with {@code variables}; returns the answer or throws a {@link Failure} saying why not. */
    Answer execute(String query, Map<String, Object> variables) throws Failure, InterruptedException {
        String body;
        try {
            body = json.writeValueAsString(Map.of("query", query, "variables", variables));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode the variables " + variables, e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json;q=0.9")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new Failure("timeout after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new Failure("I/O: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return check(response.statusCode(), response.body());
    }

    /** The checks, on their own so that they can be tested without a server. */
    Answer check(int status, String body) throws Failure {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new Failure("HTTP " + status + ", not JSON: " + excerpt(body));
        }
        JsonNode errors = root == null ? null : root.get("errors");
        if (errors != null && !errors.isNull()) {
            JsonNode first = errors.path(0);
            String code = first.path("extensions").path("code").asString("");
            throw new Failure("HTTP " + status + ", " + (code.isEmpty() ? "" : code + ": ")
                    + first.path("message").asString(excerpt(errors.toString())));
        }
        if (status != 200) {
            throw new Failure("HTTP " + status + ": " + excerpt(body));
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isObject()) {
            throw new Failure("HTTP 200 without data: " + excerpt(body));
        }
        return new Answer(data);
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "(no body)";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }

    @Override
    public void close() {
        http.close();
    }
}
