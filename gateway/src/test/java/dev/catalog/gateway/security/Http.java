package dev.catalog.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Raw HTTP to the application (status codes and headers matter here), over 127.0.0.1 or, to appear as
 * another peer, from another loopback source address such as 127.0.0.2.
 */
final class Http {

    private final HttpClient client;
    private final String base;

    private Http(HttpClient client, String base) {
        this.client = client;
        this.base = base;
    }

    static Http to(int port) {
        return new Http(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                "http://127.0.0.1:" + port);
    }

    static Http from(String sourceAddress, int port) {
        try {
            return new Http(HttpClient.newBuilder().localAddress(InetAddress.getByName(sourceAddress))
                    .connectTimeout(Duration.ofSeconds(5)).build(), "http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    /** POST /graphql with a JSON body and these header name/value pairs. */
    HttpResponse<String> graphQl(String json, String... headers) {
        HttpRequest.Builder request = request("/graphql").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body of a GraphQL request for this document, with no variables. */
    static String query(String document) {
        return "{\"query\":\"" + document.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
