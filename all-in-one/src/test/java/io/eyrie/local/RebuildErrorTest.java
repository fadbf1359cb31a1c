package io.eyrie.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eyrie.platform.security.DevKeys;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild that meets an event no projection can read does not go live without it: it stops on it, retries, and
 * says why in its progress (and in the shared state, for every instance); the live read models go on serving, and
 * an admin can cancel it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildErrorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    private EyrieLocal eyrie;
    private DevKeys keys;

    @BeforeAll
    void start() throws Exception {
        eyrie = EyrieLocal.start(LocalSettings.from(name -> null)
                .withDataDirectory(Files.createTempDirectory("eyrie-rebuild-error-"))
                .withPorts(0, 0, 0, 0, 0, 0)
                .withCluster(LocalSettings.LocalCluster.SIMULATED, Duration.ZERO));
        keys = eyrie.devKeys().orElseThrow();
    }

    @AfterAll
    void stop() {
        if (eyrie != null) {
            eyrie.close();
        }
    }

    @Test
    void aRebuildStopsOnAnEventItCannotReadAndSaysWhy() throws Exception {
        HttpResponse<String> created = send("alice", "POST", "http://localhost:" + eyrie.commandPort()
                + "/api/projects", "{\"slug\":\"sound\",\"name\":\"Sound\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // A copy of its creation whose payload is not JSON, as a damaged row would be.
        try (Connection db = DriverManager.getConnection(eyrie.eventStoreUrl(), "postgres", "postgres")) {
            int copied = db.createStatement().executeUpdate("INSERT INTO DomainEventEntry (eventIdentifier, "
                    + "aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, "
                    + "metaData) SELECT '" + UUID.randomUUID() + "', 'project:damaged', 0, type, timeStamp, payloadType, "
                    + "payloadRevision, convert_to('{not json', 'UTF8'), metaData FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = 'project:sound' AND sequenceNumber = 0");
            assertThat(copied).isEqualTo(1);
        }

        HttpResponse<String> started = send("root", "POST", queries("/api/admin/read-models/projects/rebuild"),
                "{\"reason\":\"the test damaged an event\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        JsonNode rebuild = rebuild();
        Instant limit = Instant.now().plus(WAIT);
        while (rebuild.path("error").isNull() || rebuild.path("error").isMissingNode()) {
            assertThat(Instant.now()).as("the rebuild reports its error: " + rebuild).isBefore(limit);
            Thread.sleep(100);
            rebuild = rebuild();
        }
        assertThat(rebuild.get("outcome").asText()).isEqualTo("running");
        assertThat(rebuild.get("error").asText()).isNotBlank();
        MongoTemplate mongo = eyrie.querySideContext().getBean(MongoTemplate.class);
        // The instance running it writes the error into the shared state on its next step.
        while (sharedError(mongo) == null) {
            assertThat(Instant.now()).as("the error reaches the shared state").isBefore(limit);
            Thread.sleep(100);
        }
        assertThat(sharedError(mongo)).isNotBlank();

        assertThat(send("alice", "GET", queries("/api/projects/sound"), null).statusCode())
                .as("the live read models still serve").isEqualTo(200);
        HttpResponse<String> cancelled = send("root", "POST", queries("/api/admin/read-models/rebuild/cancel"),
                "{\"reason\":\"it cannot pass the damaged event\"}");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(JSON.readTree(cancelled.body()).get("outcome").asText()).isEqualTo("cancelled");
    }

    private static String sharedError(MongoTemplate mongo) {
        Document state = mongo.findById("dashboard", Document.class, "read_model_state");
        return state == null || state.get("rebuild", Document.class) == null ? null
                : state.get("rebuild", Document.class).getString("error");
    }

    private JsonNode rebuild() throws Exception {
        return JSON.readTree(send("root", "GET", queries("/api/admin/read-models"), null).body()).get("rebuild");
    }

    private String queries(String path) {
        return "http://localhost:" + eyrie.queryPort() + path;
    }

    private HttpResponse<String> send(String user, String method, String uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + keys.token(user, "root".equals(user)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
