package io.eyrie.queryside;

import io.eyrie.api.AuditMetaData;
import io.eyrie.api.book.JobCreated;
import io.eyrie.api.book.JobId;
import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobStep;
import io.eyrie.api.book.JobStepStarted;
import io.eyrie.api.book.JobStepSucceeded;
import io.eyrie.api.book.JobSucceeded;
import io.eyrie.api.book.StepKind;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.project.GroupType;
import io.eyrie.platform.eventstore.PromptEventSource;
import io.eyrie.platform.local.EmbeddedMongo;
import io.eyrie.platform.local.EmbeddedPostgres;
import io.eyrie.platform.security.DevKeys;
import io.eyrie.queryside.rebuild.ReadModel;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestEvents.projectCreated;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole service on embedded stores: events appended to the PostgreSQL event store reach the MongoDB read
 * models through the dashboard processor, and come out of the HTTP API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext // the embedded stores close with this context
class QueryApiHttpTest {
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgres.ephemeral();
    private static final DevKeys KEYS = DevKeys.temporary();
    private static final EmbeddedMongo MONGO = EmbeddedMongo.inMemory();
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {
            };
    private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(15);

    @Autowired
    private EventStore eventStore;
    @Autowired
    private WebTestClient http;
    @Autowired
    private EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void embeddedStores(DynamicPropertyRegistry registry) {
        POSTGRES.eventStoreProperties().forEach((name, value) -> registry.add(name, () -> value));
        KEYS.serviceProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.mongodb.uri", () -> MONGO.uri("eyrie"));
    }

    /** Closing the stores as beans stops them after Axon's processors, not under their feet. */
    @TestConfiguration
    static class EmbeddedStores {
        @Bean(destroyMethod = "close")
        EmbeddedPostgres eventStoreDatabase() {
            return POSTGRES;
        }

        @Bean(destroyMethod = "close")
        EmbeddedMongo readModelDatabase() {
            return MONGO;
        }
    }

    @BeforeEach
    void signedInAsAlice() {
        http = http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + KEYS.token("alice")).build();
    }

    @Test
    void aMissingExpiredOrBadlySignedTokenIsUnauthorized() {
        String uri = "/api/deployments/" + deployment("any").value();
        WebTestClient anonymous = http.mutate().defaultHeaders(headers -> headers.remove(HttpHeaders.AUTHORIZATION)).build();
        assertUnauthorized(anonymous.get().uri(uri), "A bearer token is required");
        assertUnauthorized(anonymous.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + KEYS.expiredToken("alice")),
                "expired");
        assertUnauthorized(anonymous.get().uri(uri).header(HttpHeaders.AUTHORIZATION,
                "Bearer " + DevKeys.temporary().token("alice")), "The bearer token was refused");
        assertUnauthorized(anonymous.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt"),
                "The bearer token was refused");
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    private static void assertUnauthorized(WebTestClient.RequestHeadersSpec<?> request, String detail) {
        request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eyrie.dev/problems/unauthorized")
                .jsonPath("$.detail").value(String.class, text -> assertThat(text).contains(detail));
    }

    @Test
    @SuppressWarnings("unchecked")
    void deploymentCardAndJobsFollowTheEvents() {
        DeploymentId deployment = deployment("dep-http-1");
        JobId job = job("job-http-1");
        MetaData alice = MetaData.with(AuditMetaData.INITIATOR, "alice").and(AuditMetaData.CORRELATION_ID, "corr-7");
        MetaData runner = MetaData.with(AuditMetaData.INITIATOR, "system:book-runner")
                .and(AuditMetaData.CORRELATION_ID, "corr-7");
        eventStore.publish(
                event("Project", ACME_PROJECT, 0, projectCreated("acme", "alice"), alice),
                event("Deployment", deployment, 0, deploymentCreated(deployment, "acme", "web", GroupType.ODOO,
                        "shop", "production", "odoo:17"), alice),
                event("Deployment", deployment, 1, new ReleaseRecorded(deployment, ACME_PROJECT, new Release(1,
                        List.of(new Release.ReleasedService("odoo", "odoo:17", null, 1, List.of())), "abc1234",
                        "first", null, job, null)), alice),
                event("Deployment", deployment, 2, new ActionStarted(deployment, ACME_PROJECT, job, Action.DEPLOY,
                        "odoo.deploy", "odoo:17", 1, false, "alice", null, DeploymentStatus.DEPLOYING), alice),
                event("Job", job, 0, new JobCreated(job, deployment, ACME_PROJECT, Action.DEPLOY, "odoo.deploy", 1,
                        "odoo:17", io.eyrie.api.TestEvents.target("shop", "odoo:17"), List.of(new JobStep("pull", StepKind.APPLY_MANIFEST, Map.of(), 5, 60),
                        new JobStep("apply", StepKind.WAIT_FOR_ROLLOUT, Map.of(), 5, 60)), 600), alice),
                event("Job", job, 1, new JobStarted(job, deployment, "runner-a", "simulator", true), runner),
                event("Job", job, 2, new JobStepStarted(job, 0, "pull", "runner-a"), runner),
                event("Job", job, 3, new JobStepSucceeded(job, 0, "pull", "pulled odoo:17", "odoo.deploy", 1000), runner),
                event("Job", job, 4, new JobSucceeded(job, deployment), runner),
                event("Deployment", deployment, 3, new ActionCompleted(deployment, job, Action.DEPLOY, Lifecycle.DEPLOY,
                        1, DeploymentStatus.DEPLOYED, null, null), alice));

        Map<String, Object> card = await("/api/deployments/" + deployment.value(),
                body -> "deployed".equals(body.get("status")));
        assertThat(card.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(
                DeploymentCard.class.getRecordComponents()).map(RecordComponent::getName).toList());
        assertThat(card).containsEntry("id", deployment.value())
                .containsEntry("name", "shop")
                .containsEntry("project", "acme")
                .containsEntry("group", "web")
                .containsEntry("type", "odoo")
                .containsEntry("lifecycle", "deploy")
                .containsEntry("runningJobs", 0)
                .containsEntry("queuedJobs", 0)
                .containsEntry("activeRelease", 1)
                .containsEntry("pinned", false)
                .containsEntry("lastJobId", job.value())
                .containsEntry("createdBy", "alice")
                .containsEntry("error", null);
        assertThat(card.get("createdAt")).isInstanceOf(String.class);

        Map<String, Object> jobView = await("/api/jobs/" + job.value(), body -> "succeeded".equals(body.get("state")));
        assertThat(jobView).containsEntry("deploymentId", deployment.value())
                .containsEntry("action", "deploy")
                .containsEntry("driver", "simulator")
                .containsEntry("simulated", true)
                .containsEntry("initiator", "alice")
                .containsEntry("correlationId", "corr-7");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> steps = (List<Map<String, Object>>) jobView.get("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).containsEntry("index", 0)
                .containsEntry("name", "pull")
                .containsEntry("state", "succeeded")
                .containsEntry("detail", "pulled odoo:17")
                .containsEntry("error", null);
        assertThat(steps.get(0).get("startedAt")).isInstanceOf(String.class);
        assertThat(steps.get(0).get("finishedAt")).isInstanceOf(String.class);
        assertThat(steps.get(1)).containsEntry("name", "apply").containsEntry("state", "pending");

        Map<String, Object> jobs = http.get().uri("/api/deployments/{id}/jobs", deployment.value()).exchange()
                .expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(jobs).containsEntry("total", 1).containsEntry("nextCursor", null);
        assertThat((List<Map<String, Object>>) jobs.get("items")).extracting(listed -> listed.get("id"))
                .containsExactly(job.value());

        Map<String, Object> release = await("/api/deployments/" + deployment.value() + "/releases/1",
                body -> "succeeded".equals(body.get("outcome")));
        assertThat(release).containsEntry("version", 1).containsEntry("active", true)
                .containsEntry("commitRef", "abc1234").containsEntry("initiator", "alice")
                .containsEntry("jobId", job.value()).containsEntry("rollbackOf", null);
        Map<String, Object> releases = http.get().uri("/api/deployments/{id}/releases", deployment.value()).exchange()
                .expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
        assertThat(releases).containsEntry("total", 1);
        http.get().uri("/api/deployments/{id}/releases/7", deployment.value()).exchange().expectStatus().isNotFound();
        http.get().uri("/api/deployments/{id}/releases/v1", deployment.value()).exchange().expectStatus().isBadRequest();

        // A member of another project sees nothing of this one, not even that it exists.
        WebTestClient stranger = http.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + KEYS.token("mallory")).build();
        for (String uri : List.of("/api/deployments/" + deployment.value(), "/api/jobs/" + job.value(),
                "/api/deployments/" + deployment.value() + "/releases/1",
                "/api/deployments/" + deployment.value() + "/jobs", "/api/projects/acme")) {
            stranger.get().uri(uri).exchange().expectStatus().isNotFound()
                    .expectBody().jsonPath("$.type").isEqualTo("https://eyrie.dev/problems/not-found");
        }
        stranger.get().uri("/api/projects").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
        http.get().uri("/api/projects").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].slug").isEqualTo("acme").jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void eachReadModelHasATrackingProcessorThatRetriesFailedEvents() {
        for (ReadModel model : ReadModel.values()) {
            assertThat(processing.eventProcessorByProcessingGroup(model.processor(), TrackingEventProcessor.class))
                    .as(model.processor()).get().satisfies(processor -> {
                        assertThat(processor.getMessageSource()).isInstanceOf(PromptEventSource.class);
                        assertThat(processor.maxCapacity()).isEqualTo(model.key().isPresent() ? 4 : 1);
                    });
            assertThat(processing.listenerInvocationErrorHandler(model.processor()))
                    .isInstanceOf(PropagatingErrorHandler.class);
        }
        assertThat(processing.sequencingPolicy(ReadModel.CARDS.processor())).isSameAs(ReadModel.CARDS.sequencing());
    }

    @Test
    void unknownIdsAreNotFoundProblems() {
        String unknown = deployment("unknown").value();
        for (String uri : List.of("/api/deployments/" + unknown, "/api/deployments/" + unknown + "/jobs",
                "/api/jobs/" + job("unknown").value())) {
            http.get().uri(uri).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(404)
                    .jsonPath("$.type").isEqualTo("https://eyrie.dev/problems/not-found");
        }
    }

    @Test
    void malformedIdsAreBadRequestProblemsNamingTheField() {
        assertBadId("/api/deployments/{id}", "not_valid!", "id");
        assertBadId("/api/deployments/{id}/jobs", "a b", "id");
        // An encoded slash is refused by the security firewall before any route is matched.
        assertBadId("/api/deployments/{id}", "a/b", "path");
        assertBadId("/api/jobs/{id}", "x".repeat(65), "id");
    }

    private void assertBadId(String template, String id, String field) {
        http.get().uri(template, id).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eyrie.dev/problems/invalid-input")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    /** Projections are asynchronous: poll until the document shows what the events said, or give up. */
    private Map<String, Object> await(String uri, Predicate<Map<String, Object>> ready) {
        long deadline = System.nanoTime() + PROJECTION_TIMEOUT.toNanos();
        EntityExchangeResult<Map<String, Object>> last;
        do {
            last = http.get().uri(uri).exchange().expectBody(JSON_OBJECT).returnResult();
            if (last.getStatus() == HttpStatus.OK && ready.test(last.getResponseBody())) {
                return last.getResponseBody();
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + uri + " did not become ready; last answer " + last.getStatus() + " "
                + last.getResponseBody());
    }

    private static GenericDomainEventMessage<?> event(String type, Object aggregateId, long sequence, Object payload,
                                                      MetaData metaData) {
        return new GenericDomainEventMessage<>(type, aggregateId.toString(), sequence, payload, metaData);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the projection", e);
        }
    }
}
