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
        return post("/graphql", json, headers);
    }

    /** POST to {@code path} with a JSON body and these header name/value pairs. */
    HttpResponse<String> post(String path, String json, String... headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
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

    /** A status code and body, from {@link #rawPost}. */
    record RawResponse(int status, String body) {
    }

    /**
     * POSTs {@code json} to a path spelled exactly as given (no client normalizes or re-encodes it), over a
     * socket of its own, with these header name/value pairs.
     */
    RawResponse rawPost(String rawPath, String json, String... headers) {
        URI uri = URI.create(base);
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST " + rawPath + " HTTP/1.1\r\nHost: " + uri.getHost() + ":"
                + uri.getPort() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int start = response.indexOf("\r\n\r\n");
            return new RawResponse(status, start < 0 ? "" : response.substring(start + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON body of a GraphQL request for this document, with no variables. */
    static String query(String document) {
        return "{\"query\":\"" + document.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
