package io.eyrie.bookrunner;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.BookJobScheduled;
import io.eyrie.api.book.BookRunFailed;
import io.eyrie.api.book.BookRunStarted;
import io.eyrie.api.book.BookRunSucceeded;
import io.eyrie.api.book.BookStepFailed;
import io.eyrie.api.book.BookStepStarted;
import io.eyrie.api.book.BookStepSucceeded;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.RunId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.bookrunner.run.BookRunner;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;

import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The runner against a real PostgreSQL event store: a scheduled job goes in, its run's events come out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "eyrie.runner.simulated.step-time=5ms",
        "eyrie.runner.workers=2"})
@AutoConfigureWebTestClient
@DirtiesContext // closes the runner while PostgreSQL, stopped by its shutdown hook, is still up
class BookRunnerApplicationTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void eventStore(DynamicPropertyRegistry registry) {
        POSTGRES.eventStoreProperties().forEach((name, value) -> registry.add(name, () -> value));
        KEYS.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    WebTestClient web;

    @Test
    void runsEveryStepOfTheBookAndRecordsWhoAskedForIt() {
        JobId jobId = schedule("odoo.deploy", "nginx:1.27", 0);

        List<DomainEventMessage<?>> events = awaitRunEnding(jobId, BookRunSucceeded.class);

        RunId runId = RunId.of(jobId);
        assertThat(payloads(events)).containsExactly(
                new BookRunStarted(runId, jobId, dep(jobId), "odoo.deploy", "simulated", true,
                        List.of("apply workload", "wait for rollout", "run odoo module update")),
                new BookStepStarted(runId, jobId, 0, "apply workload"),
                new BookStepSucceeded(runId, jobId, 0, "apply workload",
                        "[simulated] apply workload for deployment " + dep(jobId).value()),
                new BookStepStarted(runId, jobId, 1, "wait for rollout"),
                new BookStepSucceeded(runId, jobId, 1, "wait for rollout",
                        "[simulated] wait for rollout for deployment " + dep(jobId).value() + ": image nginx:1.27 is ready"),
                new BookStepStarted(runId, jobId, 2, "run odoo module update"),
                new BookStepSucceeded(runId, jobId, 2, "run odoo module update",
                        "[simulated] run odoo module update for deployment " + dep(jobId).value()),
                new BookRunSucceeded(runId, jobId, dep(jobId)));
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getMetaData()).containsEntry(AuditMetaData.INITIATOR, "alice");
            assertThat(event.getMetaData()).containsEntry(AuditMetaData.CORRELATION_ID, "corr-" + jobId.value());
        });
    }

    @Test
    void anImageThatNeverBecomesReadyFailsTheRun() {
        JobId jobId = schedule("none.deploy", "nginx:fail", 0);

        List<DomainEventMessage<?>> events = awaitRunEnding(jobId, BookRunFailed.class);

        RunId runId = RunId.of(jobId);
        String error = "[simulated] image nginx:fail failed to become ready";
        assertThat(payloads(events)).endsWith(
                new BookStepStarted(runId, jobId, 1, "wait for rollout"),
                new BookStepFailed(runId, jobId, 1, "wait for rollout", error),
                new BookRunFailed(runId, jobId, dep(jobId), error));
        assertThat(events).allSatisfy(event ->
                assertThat(event.getMetaData()).containsEntry(AuditMetaData.INITIATOR, "alice"));
    }

    @Test
    void anUnknownBookFailsTheRunInsteadOfLeavingTheJobWaiting() {
        JobId jobId = schedule("odoo.explode", "nginx:1.27", 0);

        List<DomainEventMessage<?>> events = awaitRunEnding(jobId, BookRunFailed.class);

        RunId runId = RunId.of(jobId);
        assertThat(payloads(events)).containsExactly(
                new BookRunStarted(runId, jobId, dep(jobId), "odoo.explode", "simulated", true,
                        List.of("resolve book")),
                new BookStepStarted(runId, jobId, 0, "resolve book"),
                new BookStepFailed(runId, jobId, 0, "resolve book", "unknown book: odoo.explode"),
                new BookRunFailed(runId, jobId, dep(jobId), "unknown book: odoo.explode"));
    }

    @Test
    void aJobScheduledTwiceRunsOnce() {
        JobId jobId = schedule("none.pause", "nginx:1.27", 0);
        schedule(jobId, "none.pause", "nginx:1.27", 1);

        awaitRunEnding(jobId, BookRunSucceeded.class);
        awaitProcessorAtHead();

        assertThat(payloads(runEvents(jobId)))
                .filteredOn(BookRunStarted.class::isInstance)
                .hasSize(1);
        assertThat(payloads(runEvents(jobId)))
                .filteredOn(BookRunSucceeded.class::isInstance)
                .hasSize(1);
    }

    @Test
    void reportsThatTheRunnerIsSimulated() {
        await().atMost(TIMEOUT).untilAsserted(() -> web.get().uri("/api/runner").header("Authorization", "Bearer " + KEYS.token("alice")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.driver").isEqualTo("simulated")
                .jsonPath("$.simulated").isEqualTo(true)
                .jsonPath("$.workers").isEqualTo(2)
                .jsonPath("$.activeRuns").isEqualTo(0));
    }

    @Test
    void theRunnerStatusNeedsAToken() {
        web.get().uri("/api/runner").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://eyrie.dev/problems/unauthorized");
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private JobId schedule(String book, String image, long sequence) {
        return schedule(JobId.random(), book, image, sequence);
    }

    private static DeploymentId dep(JobId jobId) {
        return deployment(jobId.value());
    }

    /** As the command side's BookJob aggregate would publish it, on behalf of alice. */
    private JobId schedule(JobId jobId, String book, String image, long sequence) {
        var scheduled = new BookJobScheduled(jobId, dep(jobId), ACME_PROJECT, Action.DEPLOY, book, image);
        eventStore.publish(new GenericDomainEventMessage<>("BookJob", jobId.toString(), sequence, scheduled,
                MetaData.with(AuditMetaData.INITIATOR, "alice").and(AuditMetaData.CORRELATION_ID, "corr-" + jobId.value())));
        return jobId;
    }

    private List<DomainEventMessage<?>> awaitRunEnding(JobId jobId, Class<?> ending) {
        await().atMost(TIMEOUT).until(() -> payloads(runEvents(jobId)).stream().anyMatch(ending::isInstance));
        return runEvents(jobId);
    }

    /**
     * Every segment has handled every event stored so far. A batch that failed would leave its segment released or
     * behind, so this also proves that the duplicate was skipped rather than retried forever.
     */
    private void awaitProcessorAtHead() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        int segments = tokenStore.fetchSegments(BookRunner.PROCESSING_GROUP).length;
        StreamingEventProcessor processor = processing
                .eventProcessor(BookRunner.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        await().atMost(TIMEOUT).until(() -> {
            var statuses = processor.processingStatus().values();
            return statuses.size() == segments && statuses.stream()
                    .allMatch(status -> !status.isErrorState() && status.getCurrentPosition().orElse(-1) >= head);
        });
    }

    private List<DomainEventMessage<?>> runEvents(JobId jobId) {
        return eventStore.readEvents(RunId.of(jobId).toString()).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    private static List<Object> payloads(List<DomainEventMessage<?>> events) {
        return events.stream().<Object>map(DomainEventMessage::getPayload).toList();
    }
}
