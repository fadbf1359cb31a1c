package io.eyrie.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eyrie.platform.security.DevKeys;
import io.eyrie.queryside.rebuild.ReadModel;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two query-side instances on the same stores, as two replicas run: they split the dashboards' segments between
 * them, and a live stream on one still sees every change the other wrote, told by the one that wrote it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralQueryInstancesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Two segments for each of the processors ordered by key (deployments, jobs), one for the catalog. */
    private static final int SEGMENTS = 5;

    private final HttpClient http = HttpClient.newHttpClient();
    private EyrieLocal eyrie;
    private ConfigurableApplicationContext second;
    private ConfigurableApplicationContext third;
    private DevKeys keys;

    @BeforeAll
    void startTwoQueryInstances() throws Exception {
        eyrie = EyrieLocal.start(LocalSettings.from(name -> null)
                .withDataDirectory(Files.createTempDirectory("eyrie-two-queries-"))
                .withPorts(0, 0, 0, 0, 0, 0)
                .withCluster(LocalSettings.LocalCluster.SIMULATED, Duration.ZERO), "--eyrie.runner.simulated.step-time=10ms",
                "--eyrie.read-models.segments=2");
        keys = eyrie.devKeys().orElseThrow();
        second = eyrie.startAnotherQueryInstance();
    }

    @AfterAll
    void stop() {
        if (third != null) {
            third.close();
        }
        if (second != null) {
            second.close();
        }
        if (eyrie != null) {
            eyrie.close();
        }
    }

    @Test
    void theInstancesSplitTheSegmentsAndAStreamSeesWhatTheOtherWrote() throws Exception {
        List<ConfigurableApplicationContext> instances = List.of(eyrie.querySideContext(), second);
        awaitSplit(instances, "the two instances split the segments");

        send("POST", commands("/api/projects"), "{\"slug\":\"pair\",\"name\":\"Pair\"}", 201);
        send("POST", commands("/api/projects/pair/groups"), "{\"name\":\"web\",\"type\":\"none\",\"clusters\":[\"local\"]}", 201);
        String id = json(send("POST", commands("/api/projects/pair/groups/web/deployments"),
                "{\"name\":\"shop\",\"scope\":\"dev\",\"image\":\"nginx:1.27\"}", 201)).get("id").asText();

        ConfigurableApplicationContext other = instances.stream().filter(instance -> !writesCard(instance, id))
                .findFirst().orElseThrow();
        Instant limit = Instant.now().plus(WAIT);
        URI card = queries(other, "/api/deployments/" + id);
        while (get(card).statusCode() != 200) {
            assertThat(Instant.now()).as("the card is written").isBefore(limit);
            Thread.sleep(50);
        }

        BlockingQueue<JsonNode> cards = stream(queries(other, "/api/deployments/" + id + "/stream"));
        assertThat(next(cards).get("lifecycle").asText()).isEqualTo("draft");
        String job = json(send("POST", commands("/api/deployments/" + id + "/actions/initialize"), null, 202))
                .get("jobId").asText();

        JsonNode shown = next(cards);
        while (!(job.equals(shown.path("lastJobId").asText()) && shown.get("runningJobs").asInt() == 0)) {
            shown = next(cards);
        }
        assertThat(shown.get("lifecycle").asText()).isEqualTo("initialize");
        assertThat(writesCard(other, id)).as("the change came from the other instance").isFalse();
    }

    /**
     * A third instance gets its share; when it stops processing, the others take its segments over and the read
     * models go on. (It stops its processors rather than its whole context: in one JVM, closing a context also
     * disposes Reactor Netty's global resources, which the other services' servers share.)
     */
    @Test
    void aThirdInstanceGetsItsShareAndTheOthersTakeItOverWhenItStops() throws Exception {
        third = eyrie.startAnotherQueryInstance();
        awaitSplit(List.of(eyrie.querySideContext(), second, third), "three instances split the segments");
        assertThat(claimed(third)).isLessThanOrEqualTo((SEGMENTS + 2) / 3);

        processors(third).forEach(TrackingEventProcessor::shutDown);

        awaitSplit(List.of(eyrie.querySideContext(), second), "the other two take the segments over");
        send("POST", commands("/api/projects"), "{\"slug\":\"after\",\"name\":\"After\"}", 201);
        URI project = queries(eyrie.querySideContext(), "/api/projects/after");
        Instant limit = Instant.now().plus(WAIT);
        while (get(project).statusCode() != 200) {
            assertThat(Instant.now()).as("the read models go on after the takeover").isBefore(limit);
            Thread.sleep(50);
        }
    }

    /** Every segment of every dashboard processor is claimed by exactly one of {@code instances}, each has some. */
    private static void awaitSplit(List<ConfigurableApplicationContext> instances, String what) throws Exception {
        Instant limit = Instant.now().plus(WAIT);
        while (!split(instances)) {
            assertThat(Instant.now()).as(what + ": " + instances.stream().map(instance -> processors(instance)
                    .stream().map(processor -> processor.getName() + processor.processingStatus().keySet()).toList())
                    .toList()).isBefore(limit);
            Thread.sleep(100);
        }
    }

    private static boolean split(List<ConfigurableApplicationContext> instances) {
        if (instances.stream().anyMatch(instance -> claimed(instance) == 0)) {
            return false;
        }
        for (String name : ReadModel.processors()) {
            List<Integer> segments = instances.stream().flatMap(instance -> processor(instance, name)
                    .processingStatus().keySet().stream()).sorted().toList();
            List<Integer> all = ReadModel.keyed(name) ? List.of(0, 1) : List.of(0);
            if (!segments.equals(all)) {
                return false;
            }
        }
        return true;
    }

    private static int claimed(ConfigurableApplicationContext instance) {
        return processors(instance).stream().mapToInt(processor -> processor.processingStatus().size()).sum();
    }

    /** Whether {@code instance} holds the segment of the card processor that writes this deployment's card. */
    private static boolean writesCard(ConfigurableApplicationContext instance, String deployment) {
        return processor(instance, ReadModel.CARDS.processor()).processingStatus().values().stream()
                .anyMatch(status -> status.getSegment().matches(deployment));
    }

    private static List<TrackingEventProcessor> processors(ConfigurableApplicationContext instance) {
        return ReadModel.processors().stream().map(name -> processor(instance, name)).toList();
    }

    private static TrackingEventProcessor processor(ConfigurableApplicationContext instance, String name) {
        return instance.getBean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class).orElseThrow();
    }

    private BlockingQueue<JsonNode> stream(URI uri) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + keys.token("olivia")).header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<JsonNode> cards = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        cards.add(JSON.readTree(line.substring(5)));
                    }
                }
            } catch (java.io.IOException closed) {
                // The context closed the stream at the end of the test.
            }
        });
        return cards;
    }

    private static JsonNode next(BlockingQueue<JsonNode> cards) throws InterruptedException {
        JsonNode card = cards.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(card).as("a card on the stream within " + WAIT).isNotNull();
        return card;
    }

    private URI commands(String path) {
        return URI.create("http://localhost:" + eyrie.commandPort() + path);
    }

    private static URI queries(ConfigurableApplicationContext instance, String path) {
        return URI.create("http://localhost:" + ((WebServerApplicationContext) instance).getWebServer().getPort() + path);
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + keys.token("olivia")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, URI uri, String body, int expected) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + keys.token("olivia")).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + uri + ": " + response.body()).isEqualTo(expected);
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
