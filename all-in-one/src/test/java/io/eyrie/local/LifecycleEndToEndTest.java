package io.eyrie.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole system as a user runs it: three services in their own contexts on the embedded stores, driven over
 * HTTP through a deployment's lifecycle, a failed deploy, refusals and bad input, then restarted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;

    private final HttpClient http = HttpClient.newHttpClient();
    private EyrieLocal eyrie;
    private String shopId;
    private String brokenId;
    private String raceId;
    private final List<String> shopCorrelationIds = new ArrayList<>();

    @BeforeAll
    void startEyrie() {
        eyrie = start();
    }

    private EyrieLocal start() {
        LocalSettings settings = LocalSettings.from(name -> null)
                .withDataDirectory(dataDirectory)
                .withPorts(0, 0, 0, 0, 0, 0)
                .withCluster(LocalSettings.LocalCluster.KUBERNETES, Duration.ofMillis(100));
        // A canary's failing check fails within 10 s (its estimate × the multiplier), not the default 30 s minimum.
        return EyrieLocal.start(settings, "--eyrie.runner.simulated.step-time=30ms", "--eyrie.books.step-timeout-min=5s",
                "--eyrie.queries.consistency-wait=1s",
                // Small rebuild batches, so that the rebuild lasts long enough for reads to meet it.
                "--eyrie.read-models.rebuild-batch-size=5",
                // The replaced generations are dropped soon after the switch, so the test sees reads without them.
                "--eyrie.read-models.retire-after=15s",
                // Streams ask again whether their caller may see what they show at each heartbeat.
                "--eyrie.queries.stream-heartbeat=500ms");
    }

    @AfterAll
    void stopEyrie() {
        if (eyrie != null) {
            eyrie.close();
        }
    }

    @Test
    @Order(1)
    void writesDemoTokensAndRefusesRequestsWithoutOne() throws Exception {
        JsonNode tokens = JSON.readTree(dataDirectory.resolve("dev-tokens.json").toFile());
        List<String> users = new ArrayList<>();
        tokens.fieldNames().forEachRemaining(users::add);
        assertThat(users).containsExactly("root", "alice", "bob", "carol", "dave");
        for (URI uri : List.of(commands("/api/projects"), queries("/api/deployments/" + UUID.randomUUID()),
                URI.create("http://localhost:" + eyrie.runnerPort() + "/api/runner"))) {
            var anonymous = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(uri.toString()).isEqualTo(401);
            assertProblem(anonymous, "unauthorized");
        }
        var forged = http.send(HttpRequest.newBuilder(commands("/api/projects"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + io.eyrie.platform.security.DevKeys.temporary().token("alice"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"slug\":\"forged\",\"name\":\"F\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void createsAProjectAGroupAndDraftDeployments() throws Exception {
        assertThat(post(commands("/api/projects"), "{\"slug\":\"acme\",\"name\":\"Acme\"}", "c-setup").statusCode()).isEqualTo(201);
        assertThat(post(commands("/api/projects/acme/groups"), "{\"name\":\"web\",\"type\":\"odoo\",\"clusters\":[\"local\"]}", "c-setup").statusCode()).isEqualTo(201);

        var shop = post(commands("/api/projects/acme/groups/web/deployments"),
                "{\"name\":\"shop\",\"scope\":\"dev\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}", "c-setup");
        assertThat(shop.statusCode()).isEqualTo(201);
        shopId = json(shop).get("id").asText();
        var broken = post(commands("/api/projects/acme/groups/web/deployments"),
                "{\"name\":\"broken\",\"scope\":\"dev\",\"image\":\"registry.example.com/shop:fail\",\"config\":{\"database\":\"pgo://acme/db\"}}", "c-setup");
        brokenId = json(broken).get("id").asText();

        JsonNode card = awaitCard(shopId, c -> true);
        assertThat(card.get("lifecycle").asText()).isEqualTo("draft");
        assertThat(card.get("status").asText()).isEqualTo("ready");
        assertThat(card.get("project").asText()).isEqualTo("acme");
        assertThat(card.get("group").asText()).isEqualTo("web");
        assertThat(card.get("type").asText()).isEqualTo("odoo");
        assertThat(card.get("runningJobs").asInt()).isZero();
        assertThat(card.get("createdBy").asText()).isEqualTo("alice");
    }

    @Test
    @Order(3)
    void runsTheWholeLifecycleAndEachJobShowsItsSteps() throws Exception {
        for (String[] step : new String[][]{
                {"initialize", "initialize", "initialized"}, {"deploy", "deploy", "deployed"},
                {"pause", "pause", "paused"}, {"deploy", "deploy", "deployed"}, {"drop", "dropped", "dropped"}}) {
            String correlationId = "c-" + step[0] + "-" + shopCorrelationIds.size();
            shopCorrelationIds.add(correlationId);
            String jobId = act(shopId, step[0], correlationId);

            JsonNode card = awaitCard(shopId, c -> jobId.equals(c.path("lastJobId").asText())
                    && step[2].equals(c.path("status").asText()));
            assertThat(card.get("lifecycle").asText()).isEqualTo(step[1]);
            assertThat(card.get("runningJobs").asInt()).isZero();
            assertThat(card.get("updatedBy").asText()).isEqualTo("alice");

            JsonNode job = json(get(queries("/api/jobs/" + jobId)));
            assertThat(job.get("state").asText()).isEqualTo("succeeded");
            // The real driver ran it, against the local run's Kubernetes API double: so the job says simulated.
            assertThat(job.get("driver").asText()).isEqualTo("kubernetes");
            assertThat(job.get("simulated").asBoolean()).isTrue();
            assertThat(job.get("book").asText()).isEqualTo("odoo." + step[0]);
            assertThat(job.get("initiator").asText()).isEqualTo("alice");
            assertThat(job.get("steps")).isNotEmpty();
            assertThat(job.get("progress").get("percent").asInt()).isEqualTo(100);
            assertThat(job.get("services").get("shop").asText()).isEqualTo("succeeded");
            assertThat(job.get("strategy").isNull()).isEqualTo(!step[0].equals("deploy"));
            for (JsonNode stepView : job.get("steps")) {
                assertThat(stepView.get("state").asText()).isEqualTo("succeeded");
                Instant startedAt = Instant.parse(stepView.get("startedAt").asText());
                Instant finishedAt = Instant.parse(stepView.get("finishedAt").asText());
                assertThat(finishedAt).isAfterOrEqualTo(startedAt);
                assertThat(stepView.get("detail").asText()).isNotBlank();
            }
            List<Deployment> workloads = eyrie.localCluster().orElseThrow().apps().deployments().inAnyNamespace()
                    .withLabel("eyrie.io/deployment", shopId).list().getItems();
            switch (step[0]) {
                case "initialize" -> assertThat(workloads).isEmpty();
                case "deploy" -> assertThat(workloads).singleElement().satisfies(workload -> {
                    assertThat(workload.getSpec().getReplicas()).isEqualTo(1);
                    assertThat(workload.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                            .isEqualTo("registry.example.com/shop:1.0");
                });
                case "pause" -> assertThat(workloads).singleElement()
                        .satisfies(workload -> assertThat(workload.getSpec().getReplicas()).isZero());
                case "drop" -> assertThat(workloads).isEmpty();
                default -> throw new AssertionError(step[0]);
            }
        }
        assertThat(eyrie.localCluster().orElseThrow().batch().v1().jobs().inAnyNamespace().list().getItems())
                .as("the odoo module update ran as a Kubernetes Job, and drop deleted it").isEmpty();
        JsonNode jobs = json(get(queries("/api/deployments/" + shopId + "/jobs")));
        assertThat(jobs.get("items")).hasSize(5);
        assertThat(jobs.get("total").asInt()).isEqualTo(5);
    }

    @Test
    @Order(4)
    void aFailedDeployRecordsTheErrorAndKeepsTheLifecycle() throws Exception {
        String initJob = act(brokenId, "initialize", "c-broken-init");
        awaitCard(brokenId, c -> initJob.equals(c.path("lastJobId").asText())
                && "initialized".equals(c.path("status").asText()));

        String deployJob = act(brokenId, "deploy", "c-broken-deploy");
        JsonNode card = awaitCard(brokenId, c -> deployJob.equals(c.path("lastJobId").asText())
                && "deployment_error".equals(c.path("status").asText()));
        assertThat(card.get("lifecycle").asText()).isEqualTo("initialize");
        assertThat(card.get("error").asText()).contains("fail");
        assertThat(card.get("runningJobs").asInt()).isZero();

        JsonNode job = json(get(queries("/api/jobs/" + deployJob)));
        assertThat(job.get("state").asText()).isEqualTo("failed");
        assertThat(job.get("error").asText()).contains("fail");
        List<String> stepStates = new ArrayList<>();
        job.get("steps").forEach(s -> stepStates.add(s.get("state").asText()));
        assertThat(stepStates).contains("failed");

        // The deployment can still be deployed again, but not paused.
        var refused = post(commands("/api/deployments/" + brokenId + "/actions/pause"), "", "c-broken-pause");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(json(refused).get("allowedActions").toString())
                .isEqualTo("[\"initialize\",\"deploy\",\"deploy-latest\",\"drop\"]");
        assertThat(json(refused).get("status").asText()).isEqualTo("deployment_error");
    }

    @Test
    @Order(5)
    void refusesActionsThatAreNotAllowedAndNamesTheAllowedOnes() throws Exception {
        var droppedRefusal = post(commands("/api/deployments/" + shopId + "/actions/deploy"), "", "c-refused");
        assertThat(droppedRefusal.statusCode()).isEqualTo(409);
        assertThat(json(droppedRefusal).get("allowedActions")).isEmpty();
        assertThat(json(droppedRefusal).get("lifecycle").asText()).isEqualTo("dropped");

        var unknown = post(commands("/api/deployments/" + UUID.randomUUID() + "/actions/deploy"), "", "c-unknown");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("status").asInt()).isEqualTo(404);
    }

    /**
     * Fifty deploys at once, from two users: one runs, the rest wait in the queue, each user's identical requests
     * merged into one job. None is lost, and the jobs run one after another, never two at once.
     */
    @Test
    @Order(6)
    void concurrentDeploysQueueAndMergeAndNeverRunTwoAtOnce() throws Exception {
        var created = post(commands("/api/projects/acme/groups/web/deployments"),
                "{\"name\":\"race\",\"scope\":\"dev\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}", "c-race");
        raceId = json(created).get("id").asText();
        var bobJoins = http.send(HttpRequest.newBuilder(commands("/api/projects/acme/members/bob"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token("alice"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"developer\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bobJoins.statusCode()).as(bobJoins.body()).isEqualTo(200);
        String initJob = act(raceId, "initialize", "c-race");
        awaitCard(raceId, c -> initJob.equals(c.path("lastJobId").asText())
                && "initialized".equals(c.path("status").asText()));
        URI deploy = commands("/api/deployments/" + raceId + "/actions/deploy");
        List<JsonNode> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String user = i % 2 == 0 ? "alice" : "bob";
                responses.add(pool.submit(() -> postAs(user, deploy, "", "c-race")));
            }
            for (var response : responses) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(202);
                answers.add(json(response.get()));
            }
        }
        assertThat(answers).filteredOn(answer -> !answer.get("queued").asBoolean()).hasSize(1);
        java.util.Set<String> jobIds = new java.util.HashSet<>();
        answers.forEach(answer -> jobIds.add(answer.get("jobId").asText()));
        // One running, and at most one waiting job per user, which that user's later requests merged into.
        assertThat(jobIds).hasSizeBetween(2, 3);
        assertThat(answers).filteredOn(answer -> answer.get("merged").asBoolean()).hasSize(50 - jobIds.size());

        awaitCard(raceId, c -> c.path("runningJobs").asInt() == 0 && c.path("queuedJobs").asInt() == 0
                && jobIds.contains(c.path("lastJobId").asText()) && "deployed".equals(c.path("status").asText()));
        List<Instant[]> runs = new ArrayList<>();
        for (String jobId : jobIds) {
            JsonNode job = json(get(queries("/api/jobs/" + jobId)));
            assertThat(job.get("state").asText()).as(jobId).isEqualTo("succeeded");
            runs.add(new Instant[]{Instant.parse(job.get("startedAt").asText()), Instant.parse(job.get("finishedAt").asText())});
        }
        runs.sort(java.util.Comparator.comparing(run -> run[0]));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)[0]).as("job %d starts after job %d ended", i, i - 1).isAfterOrEqualTo(runs.get(i - 1)[1]);
        }
        JsonNode releases = json(get(queries("/api/deployments/" + raceId + "/releases")));
        assertThat(releases.get("total").asInt()).isEqualTo(jobIds.size());
        assertThat(releases.get("items").get(0).get("active").asBoolean()).isTrue();
    }

    /**
     * A dry run of a partial deploy says what it would do, with the release it would record, its difference from
     * the active one and the manifests its job would apply, and records nothing at all.
     */
    @Test
    @Order(7)
    void aDryRunAnswersWhatItWouldDoAndRecordsNothing() throws Exception {
        JsonNode before = json(get(queries("/api/deployments/" + raceId)));
        long eventsBefore = countEvents("deployment:" + raceId);
        var answer = post(commands("/api/deployments/" + raceId + "/actions/deploy?dryRun=true"),
                "{\"services\":[{\"name\":\"race\",\"image\":\"registry.example.com/shop:2.0\",\"replicas\":3}]}",
                "c-dry-run");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode plan = json(answer);
        assertThat(plan.get("dryRun").asBoolean()).isTrue();
        assertThat(plan.get("outcome").asText()).isEqualTo("start");
        assertThat(plan.get("book").asText()).isEqualTo("odoo.deploy");
        assertThat(plan.get("release").get("version").asInt()).isEqualTo(before.get("activeRelease").asInt() + 1);
        assertThat(plan.get("changes").toString()).contains("\"field\":\"image\"", "registry.example.com/shop:2.0",
                "\"field\":\"replicas\"");
        assertThat(plan.get("specChanges").toString()).contains("services");
        JsonNode workload = plan.get("manifests").get(0).get("objects").get(0);
        assertThat(workload.get("kind").asText()).isEqualTo("Deployment");
        assertThat(workload.get("spec").get("replicas").asInt()).isEqualTo(3);
        assertThat(workload.get("spec").get("template").get("spec").get("containers").get(0).get("image").asText())
                .isEqualTo("registry.example.com/shop:2.0");

        String pause = act(raceId, "pause", "c-dry-run");
        awaitCard(raceId, c -> pause.equals(c.path("lastJobId").asText()) && "paused".equals(c.path("status").asText()));
        var refused = json(post(commands("/api/deployments/" + raceId + "/actions/restart?dryRun=true"), "", "c-dry-run"));
        assertThat(refused.get("outcome").asText()).isEqualTo("refuse");
        assertThat(refused.get("rule").asText()).contains("lifecycle 'pause'");
        assertThat(refused.get("allowedActions").toString()).doesNotContain("restart");

        assertThat(countEvents("deployment:" + raceId)).as("a dry run records nothing")
                .isEqualTo(eventsBefore + 2);
        JsonNode after = json(get(queries("/api/deployments/" + raceId)));
        assertThat(after.get("version")).isEqualTo(before.get("version"));
        assertThat(after.get("services")).isEqualTo(before.get("services"));
    }

    /**
     * Blue-green on the Kubernetes API double: the new version runs on a second track until it is ready, then the
     * Service switches to it and the old track goes; the job records its strategy and how far it came.
     */
    @Test
    @Order(8)
    void aBlueGreenDeployRunsTheNewTrackThenSwitchesTheServiceAndRemovesTheOld() throws Exception {
        var answer = post(commands("/api/deployments/" + raceId + "/actions/deploy"),
                "{\"image\":\"registry.example.com/shop:2.0\",\"strategy\":\"blue-green\"}", "c-blue-green");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String jobId = json(answer).get("jobId").asText();
        awaitCard(raceId, c -> jobId.equals(c.path("lastJobId").asText()) && "deployed".equals(c.path("status").asText()));
        JsonNode job = json(get(queries("/api/jobs/" + jobId)));
        assertThat(job.get("book").asText()).isEqualTo("odoo.deploy-blue-green");
        assertThat(job.get("strategy").asText()).isEqualTo("blue-green");
        assertThat(job.get("progress").get("percent").asInt()).isEqualTo(100);
        assertThat(job.get("services").get("race").asText()).isEqualTo("succeeded");
        var kube = eyrie.localCluster().orElseThrow();
        List<Deployment> workloads = kube.apps().deployments().inAnyNamespace()
                .withLabel("eyrie.io/deployment", raceId).list().getItems();
        assertThat(workloads).singleElement().satisfies(workload -> {
            assertThat(workload.getMetadata().getLabels()).containsEntry("eyrie.io/track", "blue");
            assertThat(workload.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                    .isEqualTo("registry.example.com/shop:2.0");
        });
        assertThat(kube.services().inAnyNamespace().withLabel("eyrie.io/deployment", raceId).list().getItems())
                .singleElement().satisfies(service -> assertThat(service.getSpec().getSelector())
                        .containsEntry("eyrie.io/track", "blue"));
        JsonNode release = json(get(queries("/api/deployments/" + raceId + "/releases"))).get("items").get(0);
        assertThat(release.get("strategy").asText()).isEqualTo("blue-green");
        assertThat(release.get("active").asBoolean()).isTrue();
    }

    /**
     * Canary on the Kubernetes API double, after the blue-green deploy left blue live: the canary runs beside blue,
     * is checked through its own Service, takes a share of the requests, and is promoted onto blue. Then an image
     * whose pods answer 500 fails its check: a restore job removes it, blue keeps serving the previous release.
     */
    @Test
    @Order(9)
    void aCanaryIsPromotedWhenItsChecksPassAndRemovedWhenOneFails() throws Exception {
        var answer = post(commands("/api/deployments/" + raceId + "/actions/deploy"),
                "{\"image\":\"registry.example.com/shop:3.0\",\"strategy\":\"canary\"}", "c-canary");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        String jobId = json(answer).get("jobId").asText();
        JsonNode promoted = awaitCard(raceId, c -> jobId.equals(c.path("lastJobId").asText())
                && "deployed".equals(c.path("status").asText()));
        JsonNode job = json(get(queries("/api/jobs/" + jobId)));
        assertThat(job.get("book").asText()).isEqualTo("odoo.deploy-canary");
        assertThat(job.get("strategy").asText()).isEqualTo("canary");
        assertThat(job.get("services").get("race").asText()).isEqualTo("succeeded");
        List<String> details = new ArrayList<>();
        job.get("steps").forEach(step -> details.add(step.get("name").asText() + ": " + step.path("detail").asText()));
        assertThat(details).anySatisfy(detail -> assertThat(detail).startsWith("send 20% of requests to canary: race: 1 "
                + "canary pod beside 1 live, 50% of requests (live track 'blue')"));
        var kube = eyrie.localCluster().orElseThrow();
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("eyrie.io/deployment", raceId).list().getItems())
                .singleElement().satisfies(workload -> {
                    assertThat(workload.getMetadata().getLabels()).containsEntry("eyrie.io/track", "blue");
                    assertThat(workload.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                            .isEqualTo("registry.example.com/shop:3.0");
                });

        var broken = post(commands("/api/deployments/" + raceId + "/actions/deploy"),
                "{\"image\":\"registry.example.com/shop:unhealthy\",\"strategy\":\"canary\"}", "c-canary-fails");
        assertThat(broken.statusCode()).as(broken.body()).isEqualTo(202);
        String brokenJob = json(broken).get("jobId").asText();
        JsonNode aborted = awaitCard(raceId, c -> !brokenJob.equals(c.path("lastJobId").asText())
                && !jobId.equals(c.path("lastJobId").asText()) && "deployment_error".equals(c.path("status").asText()));
        assertThat(aborted.get("activeRelease")).as("the promoted release still serves")
                .isEqualTo(promoted.get("activeRelease"));
        JsonNode failed = json(get(queries("/api/jobs/" + brokenJob)));
        assertThat(failed.get("state").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("check canary", "answered 500");
        JsonNode restore = json(get(queries("/api/jobs/" + aborted.get("lastJobId").asText())));
        assertThat(restore.get("book").asText()).isEqualTo("odoo.restore");
        assertThat(restore.get("reason").asText()).startsWith("removes the canary of job " + brokenJob);
        assertThat(restore.get("initiator").asText()).isEqualTo("system");
        assertThat(kube.apps().deployments().inAnyNamespace().withLabel("eyrie.io/deployment", raceId).list().getItems())
                .singleElement().satisfies(workload -> assertThat(workload.getSpec().getTemplate().getSpec()
                        .getContainers().getFirst().getImage()).isEqualTo("registry.example.com/shop:3.0"));
        assertThat(kube.services().inAnyNamespace().withLabel("eyrie.io/deployment", raceId).list().getItems())
                .singleElement().satisfies(service -> assertThat(service.getSpec().getSelector())
                        .containsEntry("eyrie.io/track", "blue"));
    }

    /**
     * Read-your-writes: a command's answer gives its position, and a GET with {@code ?minPosition=} that position
     * shows the command, however soon it is asked. With the read models' processor stopped the GET waits to its
     * bound and answers 503, so the freshness comes from the wait, not from a fast projection.
     */
    @Test
    @Order(10)
    void aReadAtACommandsPositionSeesTheCommand() throws Exception {
        for (int round = 0; round < 20; round++) {
            var created = post(commands("/api/projects/acme/groups/web/deployments"), "{\"name\":\"ryw-" + round
                    + "\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}", "c-ryw");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String position = json(created).get("position").asText();
            assertThat(created.headers().firstValue("Eyrie-Position")).contains(position);
            var card = get(queries("/api/deployments/" + json(created).get("id").asText() + "?minPosition=" + position));
            assertThat(card.statusCode()).as("round " + round + ": " + card.body()).isEqualTo(200);
            String id = json(created).get("id").asText();
            var initialize = post(commands("/api/deployments/" + id + "/actions/initialize"), "", "c-ryw");
            JsonNode accepted = json(initialize);
            assertThat(Long.parseLong(accepted.get("position").asText())).isGreaterThan(Long.parseLong(position));
            JsonNode after = json(get(queries("/api/deployments/" + id + "?minPosition=" + accepted.get("position").asText())));
            assertThat(after.get("lastJobId").asText()).as("round " + round).isEqualTo(accepted.get("jobId").asText());
        }

        var processing = eyrie.querySideContext().getBean(org.axonframework.config.EventProcessingConfiguration.class)
                .eventProcessor(io.eyrie.queryside.rebuild.ReadModel.CARDS.processor()).orElseThrow();
        processing.shutDown();
        try {
            var created = post(commands("/api/projects/acme/groups/web/deployments"),
                    "{\"name\":\"ryw-held\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}", "c-ryw");
            String position = json(created).get("position").asText();
            var held = get(queries("/api/deployments/" + json(created).get("id").asText() + "?minPosition=" + position));
            assertThat(held.statusCode()).isEqualTo(503);
            assertProblem(held, "consistency-timeout");
            processing.start();
            var seen = get(queries("/api/deployments/" + json(created).get("id").asText() + "?minPosition=" + position));
            assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        } finally {
            processing.start();
        }
        // A retry with the same Idempotency-Key answers the first answer's position, in the body and the header.
        String key = "ryw-" + UUID.randomUUID();
        HttpRequest keyed = HttpRequest.newBuilder(commands("/api/projects/acme/groups/web/deployments"))
                .header("Authorization", "Bearer " + token("alice")).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"ryw-keyed\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}"))
                .build();
        var firstTry = HttpClient.newHttpClient().send(keyed, HttpResponse.BodyHandlers.ofString());
        var secondTry = HttpClient.newHttpClient().send(keyed, HttpResponse.BodyHandlers.ofString());
        assertThat(secondTry.headers().firstValue("Idempotency-Replayed")).contains("true");
        assertThat(json(secondTry).get("position")).isEqualTo(json(firstTry).get("position"));
        assertThat(secondTry.headers().firstValue("Eyrie-Position")).contains(json(firstTry).get("position").asText());

        var bad = get(queries("/api/deployments/" + shopId + "?minPosition=yesterday"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(fields(json(bad))).containsExactly("minPosition");
    }

    /**
     * The audit trail from the event store: a project's events oldest first with who, why and their link, a
     * deployment's with its jobs', nothing of another project; the chain verifies, and one changed byte of one
     * stored event is named as the first broken link.
     */
    @Test
    @Order(12)
    void theAuditTrailSaysWhoDidWhatAndProvesItWasNotChanged() throws Exception {
        var other = post(commands("/api/projects"), "{\"slug\":\"other\",\"name\":\"Other\"}", "c-audit");
        String position = json(other).get("position").asText();
        JsonNode first = json(get(queries("/api/projects/acme/audit?limit=5&minPosition=" + position)));
        assertThat(first.get("items")).hasSize(5);
        JsonNode created = first.get("items").get(0);
        assertThat(created.get("type").asText()).isEqualTo("io.eyrie.api.project.ProjectCreated");
        assertThat(created.get("initiator").asText()).isEqualTo("alice");
        assertThat(created.get("correlationId").asText()).isEqualTo("c-setup");
        assertThat(created.get("hash").asText()).matches("[0-9a-f]{64}");
        JsonNode second = json(get(queries("/api/projects/acme/audit?limit=5&cursor=" + first.get("nextCursor").asText())));
        assertThat(Long.parseLong(second.get("items").get(0).get("position").asText()))
                .isGreaterThan(Long.parseLong(first.get("items").get(4).get("position").asText()));
        long total = first.get("total").asLong();

        JsonNode all = json(get(queries("/api/projects/acme/audit?limit=500")));
        List<String> aggregates = new ArrayList<>();
        all.get("items").forEach(item -> aggregates.add(item.get("aggregateId").asText()));
        assertThat(aggregates).as("no event of another project").doesNotContain("project:other")
                .contains("deployment:" + shopId);
        JsonNode otherAudit = json(get(queries("/api/projects/other/audit")));
        assertThat(otherAudit.get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("aggregateId").asText()).isEqualTo("project:other"));

        JsonNode shop = json(get(queries("/api/deployments/" + shopId + "/audit?limit=500")));
        List<String> shopAggregates = new ArrayList<>();
        List<String> shopTypes = new ArrayList<>();
        shop.get("items").forEach(item -> {
            shopAggregates.add(item.get("aggregateId").asText());
            shopTypes.add(item.get("type").asText());
        });
        assertThat(shopAggregates).allMatch(id -> id.equals("deployment:" + shopId) || id.startsWith("job:"));
        assertThat(shopTypes).contains("io.eyrie.api.deployment.DeploymentCreated", "io.eyrie.api.book.JobCreated",
                "io.eyrie.api.deployment.ActionStarted");
        Instant third = Instant.parse(shop.get("items").get(2).get("time").asText());
        JsonNode later = json(get(queries("/api/deployments/" + shopId + "/audit?from=" + third)));
        assertThat(Instant.parse(later.get("items").get(0).get("time").asText())).isAfterOrEqualTo(third);
        assertThat(get(queries("/api/deployments/" + shopId + "/audit?from=yesterday")).statusCode()).isEqualTo(400);

        JsonNode verified = json(get(queries("/api/projects/acme/audit/verify")));
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("checked").asLong()).isEqualTo(json(get(queries("/api/projects/acme/audit"))).get("total").asLong())
                .isGreaterThanOrEqualTo(total);
        long tampered = Long.parseLong(shop.get("items").get(0).get("position").asText());
        try (Connection db = DriverManager.getConnection(eyrie.eventStoreUrl(), "postgres", "postgres")) {
            db.createStatement().executeUpdate("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from("
                    + "payload, 'UTF8'), '\"shop\"', '\"sh0p\"'), 'UTF8') WHERE globalIndex = " + tampered);
            JsonNode broken = json(get(queries("/api/projects/acme/audit/verify")));
            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.get("firstBroken").get("position").asText()).isEqualTo(Long.toString(tampered));
            assertThat(broken.get("firstBroken").get("reason").asText()).contains("changed after it was chained");
            db.createStatement().executeUpdate("UPDATE DomainEventEntry SET payload = convert_to(replace(convert_from("
                    + "payload, 'UTF8'), '\"sh0p\"', '\"shop\"'), 'UTF8') WHERE globalIndex = " + tampered);
        }
        assertThat(json(get(queries("/api/projects/acme/audit/verify"))).get("ok").asBoolean()).isTrue();

        // From an anchor kept earlier, only the links since are checked; a head that is not that link's is refused.
        String head = verified.get("head").asText();
        long headLink = verified.get("headLink").asLong();
        assertThat(headLink).isEqualTo(verified.get("checked").asLong());
        post(commands("/api/projects/acme/groups/web/deployments"),
                "{\"name\":\"anchored\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}",
                "c-anchored");
        Instant chained = Instant.now().plus(WAIT);
        JsonNode since = json(get(queries("/api/projects/acme/audit/verify?after=" + headLink + "&head=" + head)));
        while (since.get("checked").asLong() == 0 && Instant.now().isBefore(chained)) {
            Thread.sleep(50);
            since = json(get(queries("/api/projects/acme/audit/verify?after=" + headLink + "&head=" + head)));
        }
        assertThat(since.get("ok").asBoolean()).as(since.toString()).isTrue();
        assertThat(since.get("checked").asLong()).isPositive();
        assertThat(since.get("headLink").asLong()).isEqualTo(headLink + since.get("checked").asLong());
        JsonNode forged = json(get(queries("/api/projects/acme/audit/verify?after=" + headLink + "&head=" + "0".repeat(64))));
        assertThat(forged.get("ok").asBoolean()).isFalse();
        assertThat(forged.get("firstBroken").get("reason").asText()).contains("rewritten");
        assertThat(get(queries("/api/projects/acme/audit/verify?after=" + headLink)).statusCode()).isEqualTo(400);
        assertThat(get(queries("/api/projects/acme/audit/verify?after=zero&head=" + head)).statusCode()).isEqualTo(400);
    }

    /**
     * Live progress: a card's stream starts with its state and then sends each change, in order, with increasing
     * ids; reconnecting with Last-Event-ID repeats nothing and misses nothing. A job's stream shows its steps.
     */
    @Test
    @Order(13)
    void aLiveStreamSendsTheStateThenEveryChangeAndResumesWithoutRepeats() throws Exception {
        var created = post(commands("/api/projects/acme/groups/web/deployments"),
                "{\"name\":\"live\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}", "c-live");
        String id = json(created).get("id").asText();
        URI stream = queries("/api/deployments/" + id + "/stream?minPosition=" + json(created).get("position").asText());
        List<String[]> events;
        try (LiveStream card = LiveStream.open(stream, token("alice"), null)) {
            String[] first = card.next();
            assertThat(json(first[2]).get("lifecycle").asText()).isEqualTo("draft");
            String job = act(id, "initialize", "c-live");
            events = card.until(data -> "initialized".equals(json(data).get("status").asText()));
            events.addFirst(first);
            try (LiveStream steps = LiveStream.open(queries("/api/jobs/" + job + "/stream"), token("alice"), null)) {
                JsonNode state = json(steps.until(data -> "succeeded".equals(json(data).get("state").asText())).getLast()[2]);
                assertThat(state.get("steps")).isNotEmpty().allSatisfy(step ->
                        assertThat(step.get("state").asText()).isEqualTo("succeeded"));
            }
        }
        List<Long> ids = events.stream().map(event -> Long.parseLong(event[0])).toList();
        assertThat(ids).as("increasing, none twice").isSorted().doesNotHaveDuplicates();
        List<String> statuses = events.stream().map(event -> json(event[2]).get("status").asText()).toList();
        assertThat(statuses).containsSubsequence("ready", "initializing", "initialized");
        assertThat(events).allSatisfy(event -> assertThat(event[1]).isEqualTo("card"));

        String last = events.getLast()[0];
        try (LiveStream again = LiveStream.open(stream, token("alice"), last)) {
            String job = act(id, "deploy", "c-live");
            String[] next = again.next();
            assertThat(Long.parseLong(next[0])).as("nothing repeated after a reconnect").isGreaterThan(Long.parseLong(last));
            assertThat(json(next[2]).get("status").asText()).isIn("queued", "deploying", "deployed");
            again.until(data -> job.equals(json(data).path("lastJobId").asText())
                    && "deployed".equals(json(data).get("status").asText()));
        }
    }

    /** A member removed from the project while following a card: the stream says so and ends. */
    @Test
    @Order(13)
    void aStreamEndsWhenItsCallerMayNoLongerSeeTheCard() throws Exception {
        var dave = http.send(HttpRequest.newBuilder(commands("/api/projects/acme/members/dave"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token("alice"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"user\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(dave.statusCode()).as(dave.body()).isEqualTo(200);
        String position = json(dave).get("position").asText();
        try (LiveStream card = LiveStream.open(queries("/api/deployments/" + shopId + "/stream?minPosition=" + position),
                token("dave"), null)) {
            assertThat(card.next()[1]).isEqualTo("card");
            var removed = http.send(HttpRequest.newBuilder(commands("/api/projects/acme/members/dave"))
                    .header("Authorization", "Bearer " + token("alice")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(removed.statusCode()).as(removed.body()).isIn(200, 204);

            String[] last = card.next();
            while (!"revoked".equals(last[1])) {
                last = card.next();
            }
            assertThat(json(last[2]).get("detail").asText()).isNotBlank();
            assertThat(card.ended()).as("the stream ends after it").isTrue();
        }
    }

    /** Time travel: the project's state at an instant is what the card said then, rebuilt from the events. */
    @Test
    @Order(14)
    void theStateAtAnInstantIsWhatTheCardsSaidThen() throws Exception {
        Instant before = Instant.now();
        Thread.sleep(5);
        var created = post(commands("/api/projects/acme/groups/web/deployments"),
                "{\"name\":\"travel\",\"image\":\"registry.example.com/shop:1.0\",\"config\":{\"database\":\"pgo://acme/db\"}}", "c-travel");
        String id = json(created).get("id").asText();
        String initialize = act(id, "initialize", "c-travel");
        JsonNode initialized = awaitCard(id, c -> initialize.equals(c.path("lastJobId").asText())
                && "initialized".equals(c.path("status").asText()));
        Thread.sleep(5);
        Instant afterInitialize = Instant.now();
        Thread.sleep(5);
        var deploy = post(commands("/api/deployments/" + id + "/actions/deploy"),
                "{\"image\":\"registry.example.com/shop:1.1\"}", "c-travel");
        String deployJob = json(deploy).get("jobId").asText();
        JsonNode deployed = awaitCard(id, c -> deployJob.equals(c.path("lastJobId").asText())
                && "deployed".equals(c.path("status").asText()));
        Thread.sleep(5);
        Instant afterDeploy = Instant.now();
        String position = json(post(commands("/api/deployments/" + id + "/actions/pause"), "", "c-travel")).get("position").asText();

        JsonNode then = travel(id, afterInitialize, position);
        assertThat(then.get("lifecycle").asText()).isEqualTo(initialized.get("lifecycle").asText());
        assertThat(then.get("status").asText()).isEqualTo("initialized");
        assertThat(then.get("activeRelease").isNull()).isTrue();
        assertThat(then.get("images")).isEmpty();
        assertThat(then.get("clusters").get(0).asText()).isEqualTo("local");

        JsonNode later = travel(id, afterDeploy, position);
        assertThat(later.get("lifecycle").asText()).isEqualTo(deployed.get("lifecycle").asText()).isEqualTo("deploy");
        assertThat(later.get("activeRelease").asInt()).isEqualTo(deployed.get("activeRelease").asInt());
        assertThat(later.get("images").get(0).asText()).isEqualTo("registry.example.com/shop:1.1");

        JsonNode earlier = json(get(queries("/api/projects/acme/state?at=" + before + "&minPosition=" + position)));
        List<String> names = new ArrayList<>();
        earlier.get("deployments").forEach(deployment -> names.add(deployment.get("name").asText()));
        assertThat(names).as("it did not exist yet").doesNotContain("travel").contains("shop");
        assertThat(get(queries("/api/projects/acme/state?at=last-tuesday")).statusCode()).isEqualTo(400);
    }

    /** The overview counts what the project's cards say, group by group; jobs may still end, so it reads again. */
    @Test
    @Order(15)
    void theOverviewCountsWhatTheCardsSay() throws Exception {
        Instant limit = Instant.now().plus(WAIT);
        while (true) {
            JsonNode overview = json(get(queries("/api/projects/acme/overview")));
            JsonNode expected = overviewFromCards();
            JsonNode shown = JSON.createObjectNode().put("deployments", overview.get("deployments").asInt())
                    .put("runningJobs", overview.get("runningJobs").asInt())
                    .set("statuses", overview.get("statuses"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) shown).set("groups", JSON.valueToTree(
                    java.util.stream.StreamSupport.stream(overview.get("groups").spliterator(), false)
                            .map(group -> group.get("name").asText() + " " + group.get("status").asText() + " "
                                    + group.get("deployments").asInt()).toList()));
            ((com.fasterxml.jackson.databind.node.ObjectNode) shown).set("failing", JSON.valueToTree(
                    java.util.stream.StreamSupport.stream(overview.get("failing").spliterator(), false)
                            .map(failing -> failing.get("id").asText()).sorted().toList()));
            if (shown.equals(expected) || Instant.now().isAfter(limit)) {
                assertThat(shown).isEqualTo(expected);
                assertThat(overview.get("deployments").asInt()).isGreaterThan(20);
                assertThat(overview.get("failing")).as("the broken deploy at least").isNotEmpty();
                break;
            }
            Thread.sleep(100);
        }
        assertThat(get(queries("/api/projects/nowhere/overview")).statusCode()).isEqualTo(404);

        // A group's cards filtered by status: the failing ones the overview names, and nothing else.
        JsonNode failing = json(get(queries("/api/projects/acme/overview"))).get("failing").get(0);
        String group = failing.get("group").asText();
        String status = failing.get("status").asText();
        JsonNode filtered = json(get(queries("/api/projects/acme/groups/" + group + "/deployments?status=" + status
                + "&limit=500")));
        assertThat(filtered.get("items")).isNotEmpty().allSatisfy(card ->
                assertThat(card.get("status").asText()).isEqualTo(status));
        assertThat(filtered.get("items").findValuesAsText("id")).contains(failing.get("id").asText());
        assertThat(filtered.get("total").asInt()).isEqualTo(filtered.get("items").size());
        assertThat(get(queries("/api/projects/acme/groups/" + group + "/deployments?status=sideways")).statusCode())
                .isEqualTo(400);
    }

    private JsonNode overviewFromCards() throws Exception {
        int living = 0;
        int running = 0;
        Map<String, Integer> statuses = new java.util.TreeMap<>();
        List<String> groups = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        for (JsonNode group : json(get(queries("/api/projects/acme/groups"))).get("items")) {
            int inGroup = 0;
            for (JsonNode card : json(get(queries("/api/projects/acme/groups/" + group.get("name").asText()
                    + "/deployments?limit=500"))).get("items")) {
                if (card.get("lifecycle").asText().equals("dropped")) {
                    continue;
                }
                inGroup++;
                running += card.get("runningJobs").asInt();
                statuses.merge(card.get("status").asText(), 1, Integer::sum);
                if (card.get("status").asText().endsWith("_error")) {
                    failing.add(card.get("id").asText());
                }
            }
            living += inGroup;
            groups.add(group.get("name").asText() + " " + group.get("status").asText() + " " + inGroup);
        }
        var expected = JSON.createObjectNode().put("deployments", living).put("runningJobs", running);
        expected.set("statuses", JSON.valueToTree(statuses));
        expected.set("groups", JSON.valueToTree(groups));
        expected.set("failing", JSON.valueToTree(failing.stream().sorted().toList()));
        return expected;
    }

    /** The delivery figures over HTTP, from this run's deploys and failures; the fold itself is DeliveryFoldTest's. */
    @Test
    @Order(15)
    void theDeliveryFiguresCountThisRunsDeploysAndFailures() throws Exception {
        String position = json(post(commands("/api/projects"), "{\"slug\":\"dora\",\"name\":\"Dora\"}", "c-dora"))
                .get("position").asText();
        JsonNode figures = json(get(queries("/api/projects/acme/metrics?minPosition=" + position)));
        assertThat(figures.get("deploymentFrequency").get("deploys").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(figures.get("changeFailureRate").get("failed").asLong()).as("the broken deploy and the unhealthy canary")
                .isGreaterThanOrEqualTo(2);
        assertThat(figures.get("changeFailureRate").get("rate").asDouble()).isBetween(0.0, 1.0);
        assertThat(figures.get("leadTime").get("samples").asLong()).isPositive();
        assertThat(figures.get("timeToRestore").get("samples").asLong())
                .as("neither failed deployment has deployed since").isZero();
        assertThat(figures.get("timeToRestore").get("medianSeconds").isNull()).isTrue();
        JsonNode none = json(get(queries("/api/projects/acme/metrics?group=nothing")));
        assertThat(none.get("deploymentFrequency").get("deploys").asLong()).isZero();
        assertThat(none.get("changeFailureRate").get("rate").isNull()).isTrue();
        assertThat(get(queries("/api/projects/acme/metrics?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z"))
                .statusCode()).isEqualTo(400);
    }

    /**
     * A rebuild equals the live models: every card of the group, and every deployment's jobs, releases and versions,
     * read before and after a reset and replay of the dashboard processor, are the same.
     */
    @Test
    @Order(16)
    void aRebuildGivesTheSameReadModelsAndNoQueryEverSeesItHalfDone() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/api/projects/acme/groups/web/deployments?limit=500",
                "/api/projects/acme/groups", "/api/projects/acme", "/api/projects/acme/overview", "/api/clusters",
                "/api/repositories"));
        // Quiet first: a job still running would change the live models between the two reads.
        Instant quiet = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(quiet)) {
            boolean idle = true;
            for (JsonNode card : json(get(queries(paths.getFirst()))).get("items")) {
                idle &= card.get("runningJobs").asInt() == 0 && card.get("queuedJobs").asInt() == 0;
            }
            if (idle) {
                break;
            }
            Thread.sleep(50);
        }
        for (JsonNode card : json(get(queries(paths.getFirst()))).get("items")) {
            String id = card.get("id").asText();
            paths.addAll(List.of("/api/deployments/" + id + "/jobs?limit=500", "/api/deployments/" + id + "/releases?limit=500",
                    "/api/deployments/" + id + "/versions?limit=500"));
        }
        Map<String, JsonNode> live = new LinkedHashMap<>();
        for (String path : paths) {
            live.put(path, json(get(queries(path))));
        }
        assertThat(live.get(paths.getFirst()).get("items").size()).isGreaterThan(20);

        var mongo = eyrie.querySideContext().getBean(org.springframework.data.mongodb.core.MongoTemplate.class);
        JsonNode before = json(getAs("root", queries("/api/admin/read-models")));
        Map<String, List<org.bson.Document>> stored = storedDocuments(mongo, before);
        assertThat(stored.get("cards")).hasSizeGreaterThan(20);

        HttpResponse<String> started = postAs("root", queries("/api/admin/read-models/all/rebuild"),
                "{\"reason\":\"the test compares a rebuild with the live read models\"}", "c-rebuild-all");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(json(started).get("requestedBy").asText()).isEqualTo("root");

        // Until it has switched, every read answers what the live models said: never empty, never half built.
        java.util.Set<String> phases = new java.util.HashSet<>();
        int reads = 0;
        Instant limit = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonNode rebuild = json(getAs("root", queries("/api/admin/read-models"))).get("rebuild");
            phases.add(rebuild.get("phase").asText());
            assertThat(rebuild.get("eventsDone").asLong()).isLessThanOrEqualTo(rebuild.get("eventsTotal").asLong());
            if (!rebuild.get("outcome").asText().equals("running")) {
                assertThat(rebuild.get("outcome").asText()).as(rebuild.toString()).isEqualTo("done");
                assertThat(rebuild.get("eventsDone").asLong()).isGreaterThan(0);
                // Until the replaced generations are dropped, another rebuild would drop them early: refused.
                HttpResponse<String> again = postAs("root", queries("/api/admin/read-models/cards/rebuild"),
                        "{\"reason\":\"at once again\"}", "c-rebuild-again");
                assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
                assertThat(json(again).get("detail").asText()).contains("retire-after");
                break;
            }
            assertThat(Instant.now()).as("the rebuild ends: " + rebuild).isBefore(limit);
            for (String path : paths) {
                assertThat(json(get(queries(path)))).as(path + " during the rebuild").isEqualTo(live.get(path));
                reads++;
            }
        }
        assertThat(phases).contains("building");
        assertThat(reads).isGreaterThan(paths.size());

        JsonNode after = json(getAs("root", queries("/api/admin/read-models")));
        for (int i = 0; i < after.get("readModels").size(); i++) {
            assertThat(after.get("readModels").get(i).get("generation").asInt()).as(after.toString())
                    .isEqualTo(before.get("readModels").get(i).get("generation").asInt() + 1);
        }
        // Document by document, the new generation is the old one.
        assertThat(storedDocuments(mongo, after)).isEqualTo(stored);
        for (String path : paths) {
            assertThat(json(get(queries(path)))).as(path).isEqualTo(live.get(path));
        }
        // Once the old generations are gone, reads (and their access checks) still find everything in the new.
        String retired = "deployment_cards_g" + before.get("readModels").get(0).get("generation").asInt();
        Instant dropped = Instant.now().plus(WAIT);
        while (retired.equals("deployment_cards_g0") ? mongo.collectionExists("deployment_cards")
                : mongo.collectionExists(retired)) {
            assertThat(Instant.now()).as("the replaced generation is dropped").isBefore(dropped);
            Thread.sleep(50);
        }
        for (String path : paths) {
            assertThat(json(get(queries(path)))).as(path + " once the old generation is dropped")
                    .isEqualTo(live.get(path));
        }
        // The live processor goes on in the new generation.
        String position = json(post(commands("/api/projects"), "{\"slug\":\"rebuilt\",\"name\":\"Rebuilt\"}",
                "c-rebuild")).get("position").asText();
        HttpResponse<String> created = get(queries("/api/projects/rebuilt?minPosition=" + position));
        for (int i = 0; i < 20 && created.statusCode() == 503; i++) {
            created = get(queries("/api/projects/rebuilt?minPosition=" + position));
        }
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(postAs("root", queries("/api/admin/read-models/rebuild/cancel"), "{\"reason\":\"none runs\"}",
                "c-cancel")).get("type").asText()).endsWith("/rebuild-conflict");
    }

    /** Each read model's documents, as stored in its live generation, in a stable order. */
    private static Map<String, List<org.bson.Document>> storedDocuments(
            org.springframework.data.mongodb.core.MongoTemplate mongo, JsonNode readModels) {
        Map<String, List<org.bson.Document>> documents = new LinkedHashMap<>();
        for (JsonNode model : readModels.get("readModels")) {
            List<org.bson.Document> found = new ArrayList<>();
            for (JsonNode collection : model.get("collections")) {
                found.addAll(mongo.findAll(org.bson.Document.class, collection.asText()));
            }
            found.sort(java.util.Comparator.comparing(document -> String.valueOf(document.get("_id"))));
            documents.put(model.get("name").asText(), found);
        }
        return documents;
    }

    private JsonNode travel(String deployment, Instant at, String position) throws Exception {
        JsonNode state = json(get(queries("/api/projects/acme/state?at=" + at + "&minPosition=" + position)));
        for (JsonNode found : state.get("deployments")) {
            if (found.get("id").asText().equals(deployment)) {
                return found;
            }
        }
        throw new AssertionError("no deployment " + deployment + " at " + at + ": " + state);
    }

    /** A server-sent event stream read line by line on its own thread: each event as {id, event, data}. */
    private static final class LiveStream implements AutoCloseable {
        private final java.util.concurrent.BlockingQueue<String[]> events = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.io.InputStream body;
        private volatile boolean finished;

        private LiveStream(java.io.InputStream body) {
            this.body = body;
            Thread.ofVirtual().start(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String eventId = null;
                    String name = null;
                    StringBuilder data = new StringBuilder();
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith("id:")) {
                            eventId = line.substring(3).trim();
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).trim();
                        } else if (line.startsWith("data:")) {
                            data.append(line.substring(5));
                        } else if (line.isEmpty() && !data.isEmpty()) {
                            events.add(new String[]{eventId, name, data.toString()});
                            data.setLength(0);
                        }
                    }
                } catch (java.io.IOException closed) {
                    // The test closed the stream.
                }
                finished = true;
            });
        }

        static LiveStream open(URI uri, String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            return new LiveStream(response.body());
        }

        String[] next() throws InterruptedException {
            String[] event = events.poll(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + WAIT);
            }
            return event;
        }

        /** True once the server has closed the stream (no event within the wait, and the reader has stopped). */
        boolean ended() throws InterruptedException {
            Instant limit = Instant.now().plus(WAIT);
            while (!finished && Instant.now().isBefore(limit)) {
                Thread.sleep(20);
            }
            return finished && events.isEmpty();
        }

        /** The events up to and including the first whose data matches. */
        List<String[]> until(Predicate<String> last) throws InterruptedException {
            List<String[]> seen = new ArrayList<>();
            while (true) {
                String[] event = next();
                seen.add(event);
                if (last.test(event[2])) {
                    return seen;
                }
            }
        }

        /** The reading thread holds the stream until its next bytes arrive, so it is closed from another one. */
        @Override
        public void close() {
            Thread.ofVirtual().start(() -> {
                try {
                    body.close();
                } catch (java.io.IOException ignored) {
                    // Closing is all that was asked.
                }
            });
        }
    }

    private long countEvents(String aggregateId) throws SQLException {
        try (Connection db = DriverManager.getConnection(eyrie.eventStoreUrl(), "postgres", "postgres")) {
            return events(db, aggregateId).size();
        }
    }

    /** Every identifier has a kind: one kind's id never loads another kind's events (once a 500). */
    @Test
    @Order(7)
    void anIdentifierOfOneKindNeverReachesAResourceOfAnother() throws Exception {
        var groupOfADeployment = post(commands("/api/projects/" + shopId + "/groups"),
                "{\"name\":\"x\",\"type\":\"odoo\"}", "c-kinds");
        assertThat(groupOfADeployment.statusCode()).isEqualTo(404);
        assertProblem(groupOfADeployment, "not-found");
        assertThat(json(groupOfADeployment).get("detail").asText()).isEqualTo("No project '" + shopId + "'");

        var deployAProject = post(commands("/api/deployments/acme/actions/deploy"), "", "c-kinds");
        assertThat(deployAProject.statusCode()).isEqualTo(400);
        assertProblem(deployAProject, "invalid-input");

        var deploymentInAProjectsPlace = post(commands("/api/projects/acme/groups/" + shopId + "/deployments"),
                "{\"name\":\"x\",\"scope\":\"dev\",\"image\":\"nginx:1\"}", "c-kinds");
        assertThat(deploymentInAProjectsPlace.statusCode()).isEqualTo(404);
        assertProblem(deploymentInAProjectsPlace, "not-found");

        var jobAsDeployment = post(commands("/api/deployments/" + json(get(queries("/api/deployments/" + shopId)))
                .get("lastJobId").asText() + "/actions/deploy"), "", "c-kinds");
        assertThat(jobAsDeployment.statusCode()).isEqualTo(404);
        assertProblem(jobAsDeployment, "not-found");
    }

    /** Names are unique by a database constraint written with the event, so racing creates cannot both win. */
    @Test
    @Order(8)
    void concurrentCreatesOfOneNameLetExactlyOneWin() throws Exception {
        assertThat(race(8, () -> post(commands("/api/projects"), "{\"slug\":\"racing\",\"name\":\"R\"}", "c-name-race")))
                .containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        assertThat(race(8, () -> post(commands("/api/projects/acme/groups"), "{\"name\":\"racing\",\"type\":\"none\",\"clusters\":[\"local\"]}", "c-name-race")))
                .containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);
        assertThat(race(8, () -> post(commands("/api/projects/acme/groups/racing/deployments"),
                "{\"name\":\"twin\",\"scope\":\"dev\",\"image\":\"nginx:1\"}", "c-name-race")))
                .containsOnly(201, 409).filteredOn(status -> status == 201).hasSize(1);

        var again = post(commands("/api/projects/acme/groups/racing/deployments"),
                "{\"name\":\"twin\",\"scope\":\"dev\",\"image\":\"nginx:1\"}", "c-name-race");
        assertProblem(again, "already-exists");
        assertThat(json(again).get("field").asText()).isEqualTo("name");
        assertThat(json(again).get("detail").asText()).isEqualTo("deployment 'twin' already exists in group racing");
        var projectAgain = post(commands("/api/projects"), "{\"slug\":\"racing\",\"name\":\"R\"}", "c-name-race");
        assertThat(json(projectAgain).get("detail").asText()).isEqualTo("project 'racing' already exists");
    }

    private static List<Integer> race(int clients, java.util.concurrent.Callable<HttpResponse<String>> request)
            throws Exception {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var response : responses) {
                statuses.add(response.get().statusCode());
            }
            return statuses;
        }
    }

    private static void assertProblem(HttpResponse<String> response, String type) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).contains("application/problem+json"));
        assertThat(json(response).get("type").asText()).isEqualTo("https://eyrie.dev/problems/" + type);
    }

    @Test
    @Order(9)
    void badInputGetsAProblemNamingTheField() throws Exception {
        var badImage = post(commands("/api/projects/acme/groups/web/deployments"),
                "{\"name\":\"x\",\"scope\":\"dev\",\"image\":\"NOT AN IMAGE\"}", "c-bad");
        assertThat(badImage.statusCode()).isEqualTo(400);
        assertThat(fields(json(badImage))).containsExactly("image");

        var badType = post(commands("/api/projects/acme/groups"), "{\"name\":\"db\",\"type\":\"mysql\"}", "c-bad");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(fields(json(badType))).containsExactly("type");

        var badAction = post(commands("/api/deployments/" + brokenId + "/actions/explode"), "", "c-bad");
        assertThat(badAction.statusCode()).isEqualTo(400);
        assertThat(fields(json(badAction))).containsExactly("action");

        var notJson = post(commands("/api/projects"), "{not json", "c-bad");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));

        var duplicate = post(commands("/api/projects"), "{\"slug\":\"acme\",\"name\":\"Again\"}", "c-bad");
        assertThat(duplicate.statusCode()).isEqualTo(409);

        var missingCard = get(queries("/api/deployments/" + UUID.randomUUID()));
        assertThat(missingCard.statusCode()).isEqualTo(404);
        var malformedId = get(queries("/api/deployments/no-such-deployment"));
        assertThat(malformedId.statusCode()).isEqualTo(400);
        assertThat(fields(json(malformedId))).containsExactly("id");
    }

    @Test
    @Order(10)
    void everyStoredEventNamesItsInitiatorAndCorrelation() throws Exception {
        try (Connection db = DriverManager.getConnection(eyrie.eventStoreUrl(), "postgres", "postgres")) {
            List<String[]> deploymentEvents = events(db, "deployment:" + shopId);
            // created, then started + completed for each of the five actions, and a release for each deploy
            assertThat(deploymentEvents).hasSize(13);
            assertThat(deploymentEvents.getFirst()[0]).endsWith("DeploymentCreated");
            assertThat(deploymentEvents.get(3)[0]).endsWith("ReleaseRecorded");
            assertThat(deploymentEvents.getLast()[0]).endsWith("ActionCompleted");
            for (String[] event : deploymentEvents) {
                assertThat(JSON.readTree(event[1]).get("initiator").asText()).isEqualTo("alice");
            }
            // The first action's job: created by the command side, run by the runner, all on alice's behalf.
            String firstJob = JSON.readTree(deploymentEvents.get(1)[2]).get("jobId").asText();
            List<String[]> runEvents = events(db, "job:" + firstJob);
            assertThat(runEvents).isNotEmpty();
            for (String[] event : runEvents) {
                JsonNode metaData = JSON.readTree(event[1]);
                assertThat(metaData.get("initiator").asText()).isEqualTo("alice");
                assertThat(metaData.get("correlationId").asText()).isEqualTo(shopCorrelationIds.getFirst());
            }
            assertThat(runEvents.getFirst()[0]).endsWith("JobCreated");
            assertThat(runEvents.getLast()[0]).endsWith("JobSucceeded");
        }
    }

    @Test
    @Order(11)
    void keepsEverythingAcrossARestartWithDurableStorage() throws Exception {
        try (Connection db = DriverManager.getConnection(eyrie.eventStoreUrl(), "postgres", "postgres");
             ResultSet fsync = db.createStatement().executeQuery("SHOW fsync")) {
            fsync.next();
            assertThat(fsync.getString(1)).isEqualTo("on");
        }
        eyrie.close();
        eyrie = start();

        JsonNode card = json(get(queries("/api/deployments/" + shopId)));
        assertThat(card.get("lifecycle").asText()).isEqualTo("dropped");
        JsonNode broken = json(get(queries("/api/deployments/" + brokenId)));
        assertThat(broken.get("lifecycle").asText()).isEqualTo("initialize");

        // The command side rebuilt its aggregates from the stored events: the rules still hold.
        var refused = post(commands("/api/deployments/" + brokenId + "/actions/pause"), "", "c-after-restart");
        assertThat(refused.statusCode()).isEqualTo(409);
        String retry = act(brokenId, "drop", "c-after-restart");
        awaitCard(brokenId, c -> retry.equals(c.path("lastJobId").asText())
                && "dropped".equals(c.path("status").asText()));
    }

    private List<String[]> events(Connection db, String aggregateId) throws SQLException {
        var statement = db.prepareStatement("SELECT payloadType, metaData, payload FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber");
        statement.setString(1, aggregateId);
        List<String[]> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[]{rs.getString(1), new String(rs.getBytes(2), StandardCharsets.UTF_8),
                        new String(rs.getBytes(3), StandardCharsets.UTF_8)});
            }
        }
        return rows;
    }

    private String act(String deploymentId, String action, String correlationId) throws Exception {
        var response = post(commands("/api/deployments/" + deploymentId + "/actions/" + action), "", correlationId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json(response).get("jobId").asText();
    }

    private JsonNode awaitCard(String deploymentId, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            var response = get(queries("/api/deployments/" + deploymentId));
            if (response.statusCode() == 200) {
                last = json(response);
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(25);
        }
        throw new AssertionError("card of " + deploymentId + " did not reach the expected state; last seen: " + last);
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    private URI commands(String path) {
        return URI.create("http://localhost:" + eyrie.commandPort() + path);
    }

    private URI queries(String path) {
        return URI.create("http://localhost:" + eyrie.queryPort() + path);
    }

    /** As alice, with the token the local run wrote for her. */
    private HttpResponse<String> post(URI uri, String body, String correlationId) throws Exception {
        return postAs("alice", uri, body, correlationId);
    }

    private HttpResponse<String> postAs(String user, URI uri, String body, String correlationId) throws Exception {
        return http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token(user))
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return getAs("alice", uri);
    }

    private HttpResponse<String> getAs(String user, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token(user)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user) throws Exception {
        return JSON.readTree(dataDirectory.resolve("dev-tokens.json").toFile()).get(user).asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
