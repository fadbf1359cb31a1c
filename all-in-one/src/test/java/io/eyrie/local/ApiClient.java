package io.eyrie.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eyrie.platform.security.DevKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API of a running {@link EyrieLocal}, as any user, for end-to-end tests. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private final EyrieLocal eyrie;
    private final DevKeys keys;

    ApiClient(EyrieLocal eyrie) {
        this.eyrie = eyrie;
        this.keys = eyrie.devKeys().orElseThrow();
    }

    URI command(String path) {
        return URI.create("http://localhost:" + eyrie.commandPort() + path);
    }

    URI query(String path) {
        return URI.create("http://localhost:" + eyrie.queryPort() + path);
    }

    /** As {@code user} (root is a platform admin; null sends no token); {@code expected} -1 accepts any status. */
    HttpResponse<String> send(String user, String method, URI uri, String body, int expected) {
        return send(user, method, uri, body, expected, java.util.Map.of());
    }

    HttpResponse<String> send(String user, String method, URI uri, String body, int expected,
                              java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + keys.token(user, user.equals("root")));
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (expected != -1) {
                assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(expected);
            }
            return response;
        } catch (Exception e) {
            throw new AssertionError(method + " " + uri + " failed", e);
        }
    }

    JsonNode get(String user, URI uri) {
        return json(send(user, "GET", uri, null, 200));
    }

    /** Polls a query until the read model shows what {@code ready} expects. */
    JsonNode await(String user, URI uri, Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(WAIT);
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            last = send(user, "GET", uri, null, -1);
            if (last.statusCode() == 200 && ready.test(json(last))) {
                return json(last);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError(uri + " did not become ready; last answer " + (last == null ? null : last.body()));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static void assertProblem(HttpResponse<String> response, String type) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(json(response).get("type").asText()).as(response.body()).isEqualTo("https://eyrie.dev/problems/" + type);
    }
}
