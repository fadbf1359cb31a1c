package io.eyrie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The Eyrie HTTP API as the benchmark uses it: HTTP/1.1 with keep-alive, to 127.0.0.1 only. */
final class HttpDriver implements AutoCloseable {
    static final String USER = "bench";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String commands;
    private final String queries;
    private final String authorization;

    /** A response and how long it took, from sending the request to having read the whole body. */
    record Result(int status, String body, long nanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        Result require(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    /** {@code token} is a bearer token for {@link #USER}, who owns the projects the benchmark creates. */
    HttpDriver(int commandPort, int queryPort, String token) {
        this.authorization = "Bearer " + token;
        this.commands = "http://127.0.0.1:" + commandPort;
        this.queries = "http://127.0.0.1:" + queryPort;
    }

    Result postCommand(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(commands + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Result act(String deploymentId, String action) throws IOException, InterruptedException {
        return postCommand("/api/deployments/" + deploymentId + "/actions/" + action, "");
    }

    Result card(String deploymentId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(queries + "/api/deployments/" + deploymentId)).GET());
    }

    Result job(String jobId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(queries + "/api/jobs/" + jobId)).GET());
    }

    /** Opens a server-sent event stream on the query side; its lines arrive as the server sends them. */
    HttpResponse<java.util.stream.Stream<String>> stream(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(queries + path)).header("Authorization", authorization)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    private Result send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.header("Authorization", authorization).timeout(REQUEST_TIMEOUT).build();
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
        return new Result(response.statusCode(), response.body(), System.nanoTime() - started);
    }

    static String quote(String value) {
        return JSON.getNodeFactory().textNode(value).toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
