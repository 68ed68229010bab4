package dev.catalog.admin;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** Sends one GraphQL operation to the service and returns its {@code data}, or fails with a one-line reason. */
final class AdminClient {

    /** Decimals as written (a price of 1.50 stays 1.50 through export and import). */
    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    /** How often a request the service rate-limited (429) is sent again, after the wait it asks for. */
    static final int RATE_LIMITED_RETRIES = 120;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String token;

    AdminClient(String url, String token) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.endpoint = URI.create(base + "/graphql");
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    JsonNode execute(String document, Map<String, Object> variables) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", document, "variables", variables))));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (int retry = 0; response.statusCode() == 429 && retry < RATE_LIMITED_RETRIES; retry++) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(Math.max(1, seconds) * 1000);
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            }
        } catch (ConnectException e) {
            throw new AdminException("cannot reach " + endpoint + " (is the service running? --url or CATALOG_ADMIN_URL)");
        } catch (HttpTimeoutException e) {
            throw new AdminException(endpoint + " did not answer in time");
        } catch (IOException e) {
            throw new AdminException("cannot talk to " + endpoint + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted");
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new AdminException(endpoint + " answered HTTP " + response.statusCode() + " without JSON");
        }
        JsonNode errors = body.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            JsonNode codeNode = first.path("extensions").path("code");
            String code = codeNode.isString() ? codeNode.asString() : "";
            String hint = switch (code) {
                case "UNAUTHENTICATED" -> " (a token with scope catalog:admin: --token or CATALOG_ADMIN_TOKEN)";
                case "FORBIDDEN" -> " (the token lacks scope catalog:admin)";
                default -> "";
            };
            JsonNode message = first.path("message");
            throw new AdminException((code.isEmpty() ? "" : code + ": ")
                    + (message.isString() ? message.asString() : "the service refused the request") + hint);
        }
        if (response.statusCode() != 200 || !body.has("data")) {
            throw new AdminException(endpoint + " answered HTTP " + response.statusCode());
        }
        return body.get("data");
    }
}
