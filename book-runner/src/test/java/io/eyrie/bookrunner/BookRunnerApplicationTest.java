package io.eyrie.bookrunner;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.CancelJob;
import io.eyrie.api.book.JobCancelled;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobFailed;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobStepFailed;
import io.eyrie.api.book.JobStepRetried;
import io.eyrie.api.book.JobStepStarted;
import io.eyrie.api.book.JobStepSucceeded;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.bookrunner.run.JobQueue;
import io.eyrie.bookrunner.run.RunnerProperties;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runner against a real PostgreSQL event store: a created job goes in, its steps and its end come out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eyrie.runner.simulated.step-time=5ms",
        "eyrie.runner.workers=2",
        "eyrie.runner.name=runner-under-test",
        "eyrie.runner.monitors.enabled=false"})
@AutoConfigureWebTestClient
@DirtiesContext // closes the runner while PostgreSQL, stopped by its shutdown hook, is still up
class BookRunnerApplicationTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    /** The runner's health includes the monitor log's store. */
    private static final io.eyrie.platform.local.EmbeddedMongo MONGO = io.eyrie.platform.local.EmbeddedMongo.inMemory();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final List<JobStep> ODOO_DEPLOY = List.of(
            new JobStep("apply workload", StepKind.APPLY_MANIFEST, Map.of(), 5, 60),
            new JobStep("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 5, 60),
            new JobStep("run odoo module update", StepKind.RUN_JOB, Map.of(), 5, 60));

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        POSTGRES.eventStoreProperties().forEach((name, value) -> registry.add(name, () -> value));
        KEYS.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.mongodb.uri", () -> MONGO.uri("eyrie"));
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    CommandGateway commands;
    @Autowired
    DataSource dataSource;
    @Autowired
    RunnerProperties properties;
    @Autowired
    WebTestClient web;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier(io.eyrie.job.Job.CACHE)
    org.axonframework.common.caching.Cache jobCache;

    @Test
    void runsEveryStepOfTheJobAndRecordsWhoAskedForIt() {
        JobId jobId = create(ODOO_DEPLOY, "nginx:1.27");

        List<DomainEventMessage<?>> events = awaitJobEnding(jobId, JobSucceeded.class);

        String dep = dep(jobId).value();
        // How long a step took varies from run to run; the rest is exact.
        assertThat(withoutDurations(payloads(events))).containsExactly(
                created(jobId, ODOO_DEPLOY, "nginx:1.27"),
                new JobStarted(jobId, dep(jobId), "runner-under-test", "simulated", true),
                new JobStepStarted(jobId, 0, "apply workload", "runner-under-test"),
                new JobStepSucceeded(jobId, 0, "apply workload", "[simulated] apply workload for deployment " + dep,
                        "odoo.deploy", 0),
                new JobStepStarted(jobId, 1, "wait for rollout", "runner-under-test"),
                new JobStepSucceeded(jobId, 1, "wait for rollout",
                        "[simulated] wait for rollout for deployment " + dep + ": image nginx:1.27 is ready", "odoo.deploy", 0),
                new JobStepStarted(jobId, 2, "run odoo module update", "runner-under-test"),
                new JobStepSucceeded(jobId, 2, "run odoo module update",
                        "[simulated] run odoo module update for deployment " + dep, "odoo.deploy", 0),
                new JobSucceeded(jobId, dep(jobId)));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getMetaData()).containsEntry(AuditMetaData.INITIATOR, "alice");
            assertThat(event.getMetaData()).containsEntry(AuditMetaData.CORRELATION_ID, "corr-" + jobId.value());
        });
        awaitQueueEmpty();
        assertThat(jobCache.containsKey(jobId.toString()))
                .as("the runner kept the job it worked on, instead of reading its events for every step").isTrue();
    }

    @Test
    void anImageThatNeverBecomesReadyFailsTheJob() {
        JobId jobId = create(ODOO_DEPLOY, "nginx:fail");

        List<DomainEventMessage<?>> events = awaitJobEnding(jobId, JobFailed.class);

        String error = "[simulated] image nginx:fail failed to become ready";
        assertThat(payloads(events)).endsWith(
                new JobStepStarted(jobId, 1, "wait for rollout", "runner-under-test"),
                new JobStepFailed(jobId, 1, "wait for rollout", error),
                new JobFailed(jobId, dep(jobId), "step 'wait for rollout' failed: " + error));
    }

    @Test
    void aFailureThatMayPassIsRetriedWithBackOffAndThenTheStepSucceeds() {
        JobId jobId = create(List.of(new JobStep("apply workload", StepKind.APPLY_MANIFEST, Map.of("template", "web"),
                5, 60)), "nginx:flaky");

        List<DomainEventMessage<?>> events = awaitJobEnding(jobId, JobSucceeded.class);

        assertThat(payloads(events)).filteredOn(JobStepRetried.class::isInstance).containsExactly(
                new JobStepRetried(jobId, 0, "apply workload", "[simulated] 429 Too Many Requests", 1),
                new JobStepRetried(jobId, 0, "apply workload", "[simulated] 429 Too Many Requests", 2));
        // Backed off: one second, then two.
        assertThat(java.time.Duration.between(events.get(2).getTimestamp(), events.getLast().getTimestamp()))
                .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(3));
    }

    @Test
    void aJobCancelledBeforeAnyRunnerTookItIsNeverStarted() {
        JobId jobId = JobId.random();
        publish(jobId, 0, created(jobId, ODOO_DEPLOY, "nginx:1.27"));
        publish(jobId, 1, new JobCancelled(jobId, dep(jobId), "cancelled by alice"));

        awaitProcessorAtHead();
        awaitQueueEmpty();

        assertThat(payloads(jobEvents(jobId))).noneMatch(JobStarted.class::isInstance).hasSize(2);
    }

    @Test
    void aJobQueuedAgainAfterItEndedIsNotRunAgain() {
        JobId jobId = create(List.of(new JobStep("scale to zero", StepKind.SCALE, Map.of(), 5, 60)), "nginx:1.27");
        awaitJobEnding(jobId, JobSucceeded.class);
        int stored = jobEvents(jobId).size();

        // A replay delivers every JobCreated again, as a redelivery after a crash would.
        StreamingEventProcessor processor = processing
                .eventProcessor(JobQueue.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitProcessorAtHead();
        awaitQueueEmpty();

        assertThat(jobEvents(jobId)).hasSize(stored);
    }

    @Test
    void cancelWorksWhileAJobRuns() {
        // A slow image never finishes rolling out, so the cancel cannot lose a race with the end of the step.
        JobId jobId = create(List.of(new JobStep("wait for rollout", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 5, 3600)), "nginx:slow");
        await().atMost(TIMEOUT).until(() -> payloads(jobEvents(jobId)).stream().anyMatch(JobStarted.class::isInstance));

        commands.sendAndWait(new CancelJob(jobId, "cancelled by alice"));

        awaitJobEnding(jobId, JobCancelled.class);
        awaitQueueEmpty();
        assertThat(payloads(jobEvents(jobId))).noneMatch(JobFailed.class::isInstance);
    }

    @Test
    void reportsItsNameDriversAndQueue() {
        await().atMost(TIMEOUT).untilAsserted(() -> web.get().uri("/api/runner")
                .header("Authorization", "Bearer " + KEYS.token("alice")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.runner").isEqualTo("runner-under-test")
                .jsonPath("$.drivers").isArray()
                .jsonPath("$.simulatedApiServers").isArray()
                .jsonPath("$.workers").isEqualTo(2)
                .jsonPath("$.activeRuns").isEqualTo(0)
                .jsonPath("$.queuedJobs").isEqualTo(0));
    }

    @Test
    void theRunnerStatusNeedsAToken() {
        web.get().uri("/api/runner").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://eyrie.dev/problems/unauthorized");
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private static DeploymentId dep(JobId jobId) {
        return deployment(jobId.value());
    }

    static JobCreated created(JobId jobId, List<JobStep> steps, String image) {
        return new JobCreated(jobId, deployment(jobId.value()), ACME_PROJECT, Action.DEPLOY, "odoo.deploy", 1, image,
                io.eyrie.api.TestEvents.target("shop", image),
                steps, 600);
    }

    /** As a deployment on the command side would create it, on behalf of alice. */
    private JobId create(List<JobStep> steps, String image) {
        JobId jobId = JobId.random();
        publish(jobId, 0, created(jobId, steps, image));
        return jobId;
    }

    private void publish(JobId jobId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Job", jobId.toString(), sequence, event,
                MetaData.with(AuditMetaData.INITIATOR, "alice").and(AuditMetaData.CORRELATION_ID, "corr-" + jobId.value())));
    }

    private List<DomainEventMessage<?>> awaitJobEnding(JobId jobId, Class<?> ending) {
        await().atMost(TIMEOUT).until(() -> payloads(jobEvents(jobId)).stream().anyMatch(ending::isInstance));
        return jobEvents(jobId);
    }

    private void awaitQueueEmpty() {
        await().atMost(TIMEOUT).until(() -> JdbcClient.create(dataSource).sql("SELECT count(*) FROM book_runs")
                .query(Long.class).single() == 0);
    }

    /** Every segment has handled every event stored so far, without an error. */
    private void awaitProcessorAtHead() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        StreamingEventProcessor processor = processing
                .eventProcessor(JobQueue.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        await().atMost(TIMEOUT).until(() -> {
            var statuses = processor.processingStatus().values();
            return !statuses.isEmpty() && statuses.stream()
                    .allMatch(status -> !status.isErrorState() && status.getCurrentPosition().orElse(-1) >= head);
        });
    }

    private List<DomainEventMessage<?>> jobEvents(JobId jobId) {
        return eventStore.readEvents(jobId.toString()).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    private static List<Object> withoutDurations(List<Object> payloads) {
        return payloads.stream().map(payload -> payload instanceof JobStepSucceeded step
                ? new JobStepSucceeded(step.jobId(), step.index(), step.step(), step.detail(), step.book(), 0)
                : payload).toList();
    }

    private static List<Object> payloads(List<DomainEventMessage<?>> events) {
        return events.stream().<Object>map(DomainEventMessage::getPayload).toList();
    }
}
