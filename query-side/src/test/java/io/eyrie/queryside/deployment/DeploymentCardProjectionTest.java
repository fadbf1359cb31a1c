package io.eyrie.queryside.deployment;

import io.eyrie.api.book.JobStarted;
import io.eyrie.api.book.JobId;
import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.DeployRequested;
import io.eyrie.api.deployment.Deployed;
import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentCreated;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.api.deployment.InitializeRequested;
import io.eyrie.api.deployment.Initialized;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.PauseRequested;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.KubernetesNames;
import io.eyrie.queryside.ReadModelServer;
import io.eyrie.queryside.group.GroupPolicies;
import io.eyrie.queryside.group.GroupProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.eyrie.api.TestEvents.deploymentCreated;
import static io.eyrie.api.TestEvents.groupCreated;
import static io.eyrie.api.TestEvents.spec;
import static io.eyrie.api.TestIds.ACME_PROJECT;
import static io.eyrie.api.TestIds.deployment;
import static io.eyrie.api.TestIds.job;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives the projection with events, as Axon would, against a MongoDB wire-protocol server. */
class DeploymentCardProjectionTest {
    private static final DeploymentId ID = deployment("dep-1");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");


    private MongoTemplate mongo;
    private DeploymentCardProjection projection;

    @BeforeEach
    void emptyReadModel() {
        mongo = ReadModelServer.template("cards");
        GroupProjection groups = new GroupProjection(mongo);
        groups.reset();
        groups.on(groupCreated("acme", "web", GroupType.ODOO), "olivia", T0);
        projection = new DeploymentCardProjection(mongo, new GroupPolicies(mongo, groups));
        projection.reset();
    }

    @Test
    void createdDeploymentIsADraftReadyToRun() {
        created();

        DeploymentCard card = card();
        assertThat(card).isEqualTo(new DeploymentCard(ID.value(), "shop", "acme", "web", GroupType.ODOO, "dev",
                Lifecycle.DRAFT, DeploymentStatus.READY, null, 0, null, "odoo:17", null, null, null, List.of("local"),
                List.of(new Service("odoo", "odoo:17", 1, List.of())), Map.of(), null, 1,
                KubernetesNames.deploymentNamespace("acme", "shop", ID.value()),
                List.of(Action.INITIALIZE, Action.DROP), "alice", T0, "alice", T0));
    }

    @Test
    void aChangeIsShownOnceAndAnOlderOneNeverUndoesANewer() {
        created();
        DeploymentSpec before = spec("dev", "odoo:17", Map.of());
        DeploymentSpec v2 = spec("dev", "odoo:18", Map.of());
        DeploymentSpec v3 = spec("dev", "odoo:19", Map.of());
        projection.on(new DeploymentChanged(ID, ACME_PROJECT, 2, List.of("image"), before, v2), "bob", at(1));
        projection.on(new DeploymentChanged(ID, ACME_PROJECT, 3, List.of("image"), v2, v3), "bob", at(2));
        projection.on(new DeploymentChanged(ID, ACME_PROJECT, 2, List.of("image"), before, v2), "bob", at(3));
        assertThat(card().image()).isEqualTo("odoo:19");
        assertThat(card().version()).isEqualTo(3);
        assertThat(card().updatedAt()).isEqualTo(at(2));
    }

    @Test
    void requestedActionIsQueuedWithItsJob() {
        created();
        projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1));

        DeploymentCard card = card();
        assertThat(card.status()).isEqualTo(DeploymentStatus.QUEUED);
        assertThat(card.lastJobId()).isEqualTo(job("job-1").value());
        assertThat(card.runningJobs()).isEqualTo(1);
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.DRAFT);
        assertThat(card.updatedBy()).isEqualTo("bob");
        assertThat(card.updatedAt()).isEqualTo(at(1));
        assertThat(card.createdBy()).isEqualTo("alice");
    }

    @Test
    void startedRunOfTheLatestJobShowsRunning() {
        created();
        projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1));
        projection.on(runStarted(job("job-1")), "system:book-runner", at(2));

        DeploymentCard card = card();
        assertThat(card.status()).isEqualTo(DeploymentStatus.RUNNING);
        assertThat(card.updatedBy()).isEqualTo("system:book-runner");
        assertThat(card.updatedAt()).isEqualTo(at(2));
    }

    @Test
    void startedRunOfAnOlderJobLeavesTheLatestActionQueued() {
        created();
        projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1));
        projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-2"), "odoo.deploy", "odoo:17"), "bob", at(2));
        projection.on(runStarted(job("job-1")), "system:book-runner", at(3));

        DeploymentCard card = card();
        assertThat(card.status()).isEqualTo(DeploymentStatus.QUEUED);
        assertThat(card.lastJobId()).isEqualTo(job("job-2").value());
        assertThat(card.runningJobs()).isEqualTo(2);
        assertThat(card.updatedAt()).isEqualTo(at(2));
    }

    @Test
    void runStartedAfterItsActionFinishedDoesNotShowRunning() {
        created();
        projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1));
        projection.on(new ActionFailed(ID, job("job-1"), Action.INITIALIZE, "timed out"), "system:saga", at(2));
        projection.on(runStarted(job("job-1")), "system:book-runner", at(3));

        assertThat(card().status()).isEqualTo(DeploymentStatus.ERROR);
    }

    @Test
    void completedActionMovesTheLifecycle() {
        created();
        projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1));
        projection.on(runStarted(job("job-1")), "system:book-runner", at(2));
        projection.on(new Initialized(ID, job("job-1")), "bob", at(3));

        DeploymentCard card = card();
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.INITIALIZE);
        assertThat(card.status()).isEqualTo(DeploymentStatus.OK);
        assertThat(card.runningJobs()).isZero();
        assertThat(card.lastJobId()).isEqualTo(job("job-1").value());
        assertThat(card.updatedAt()).isEqualTo(at(3));
    }

    @Test
    void failedDeployKeepsTheLifecycleAndRecordsTheError() {
        created();
        projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1));
        projection.on(new Initialized(ID, job("job-1")), "bob", at(2));
        projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-2"), "odoo.deploy", "odoo:18"), "carol", at(3));
        projection.on(runStarted(job("job-2")), "system:book-runner", at(4));
        projection.on(new ActionFailed(ID, job("job-2"), Action.DEPLOY, "image pull failed"), "carol", at(5));

        DeploymentCard card = card();
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.INITIALIZE);
        assertThat(card.status()).isEqualTo(DeploymentStatus.ERROR);
        assertThat(card.error()).isEqualTo("image pull failed");
        assertThat(card.runningJobs()).isZero();
        assertThat(card.lastJobId()).isEqualTo(job("job-2").value());
        assertThat(card.updatedBy()).isEqualTo("carol");
    }

    @Test
    void aCancelledActionKeepsTheLifecycleAndSaysCancelled() {
        created();
        projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1));
        projection.on(new Initialized(ID, job("job-1")), "bob", at(2));
        projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-2"), "odoo.deploy", "odoo:18"), "carol", at(3));
        projection.on(runStarted(job("job-2")), "carol", at(4));
        projection.on(new ActionCancelled(ID, job("job-2"), Action.DEPLOY, "cancelled by carol"), "carol", at(5));

        DeploymentCard card = card();
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.INITIALIZE);
        assertThat(card.status()).isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(card.runningJobs()).isZero();
        assertThat(card.error()).isNull();
    }

    @Test
    void laterSuccessClearsTheError() {
        created();
        projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-1"), "odoo.deploy", "odoo:17"), "bob", at(1));
        projection.on(new ActionFailed(ID, job("job-1"), Action.DEPLOY, "image pull failed"), "bob", at(2));
        projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-2"), "odoo.deploy", "odoo:17"), "bob", at(3));
        projection.on(new Deployed(ID, job("job-2")), "bob", at(4));

        DeploymentCard card = card();
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.DEPLOY);
        assertThat(card.status()).isEqualTo(DeploymentStatus.OK);
        assertThat(card.error()).isNull();
    }

    @Test
    void runningJobsCountsEachJobOnce() {
        created();
        projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-1"), "odoo.deploy", "odoo:17"), "bob", at(1));
        projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-1"), "odoo.deploy", "odoo:17"), "bob", at(1));
        projection.on(new PauseRequested(ID, ACME_PROJECT, job("job-2"), "odoo.pause", "odoo:17"), "bob", at(2));
        assertThat(card().runningJobs()).isEqualTo(2);

        projection.on(new Deployed(ID, job("job-1")), "bob", at(3));
        projection.on(new Deployed(ID, job("job-1")), "bob", at(3));
        assertThat(card().runningJobs()).isEqualTo(1);
    }

    @Test
    void handlingAnySuffixOfTheHistoryAgainChangesNothing() {
        List<Runnable> history = List.of(
                this::created,
                () -> projection.on(new InitializeRequested(ID, ACME_PROJECT, job("job-1"), "odoo.initialize", "odoo:17"), "bob", at(1)),
                () -> projection.on(runStarted(job("job-1")), "system:book-runner", at(2)),
                () -> projection.on(new Initialized(ID, job("job-1")), "bob", at(3)),
                () -> projection.on(new DeployRequested(ID, ACME_PROJECT, job("job-2"), "odoo.deploy", "odoo:18"), "carol", at(4)),
                () -> projection.on(runStarted(job("job-2")), "system:book-runner", at(5)),
                () -> projection.on(new ActionFailed(ID, job("job-2"), Action.DEPLOY, "image pull failed"), "carol", at(6)),
                () -> projection.on(new PauseRequested(ID, ACME_PROJECT, job("job-3"), "odoo.pause", "odoo:18"), "dave", at(7)));
        history.forEach(Runnable::run);
        List<Document> expected = storedCards();
        assertThat(expected).hasSize(1);

        for (int from = 0; from < history.size(); from++) {
            history.subList(from, history.size()).forEach(Runnable::run);
            assertThat(storedCards()).as("after handling events %d.. again", from).isEqualTo(expected);
        }
        assertThat(card().lifecycle()).isEqualTo(Lifecycle.INITIALIZE);
        assertThat(card().status()).isEqualTo(DeploymentStatus.QUEUED);
        assertThat(card().runningJobs()).isEqualTo(1);
    }

    @Test
    void resetClearsTheCards() {
        created();
        projection.on(deploymentCreated(deployment("dep-2"), "acme", "web", GroupType.ODOO, "shop-2", "dev", "odoo:17"),
                "alice", T0);

        // Through Axon's annotation handling, as a processor reset would: this also checks the @ResetHandler.
        new AnnotationEventHandlerAdapter(projection).prepareReset();

        assertThat(storedCards()).isEmpty();
        assertThat(projection.handle(new FindDeploymentCard(ID))).isEmpty();
    }

    @Test
    void unknownDeploymentHasNoCard() {
        created();
        assertThat(projection.handle(new FindDeploymentCard(deployment("dep-unknown")))).isEmpty();
    }

    private void created() {
        projection.on(deploymentCreated(ID, "acme", "web", GroupType.ODOO, "shop", "dev", "odoo:17"),
                "alice", T0);
    }

    private static JobStarted runStarted(JobId jobId) {
        return new JobStarted(jobId, ID, "runner-a", "kubernetes", false);
    }

    private DeploymentCard card() {
        return projection.handle(new FindDeploymentCard(ID)).orElseThrow();
    }

    private List<Document> storedCards() {
        return mongo.findAll(Document.class, DeploymentCardDocument.COLLECTION);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }
}
