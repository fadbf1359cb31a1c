package io.eyrie.queryside.deployment;

import io.eyrie.api.deployment.Action;
import io.eyrie.api.deployment.ActionCancelled;
import io.eyrie.api.deployment.ActionCompleted;
import io.eyrie.api.deployment.ActionFailed;
import io.eyrie.api.deployment.ActionInput;
import io.eyrie.api.deployment.ActionQueued;
import io.eyrie.api.deployment.ActionRules;
import io.eyrie.api.deployment.ActionStarted;
import io.eyrie.api.deployment.CancelRequested;
import io.eyrie.api.deployment.DeploymentCard;
import io.eyrie.api.deployment.DeploymentChanged;
import io.eyrie.api.deployment.DeploymentId;
import io.eyrie.api.deployment.DeploymentSpec;
import io.eyrie.api.deployment.DeploymentStatus;
import io.eyrie.api.deployment.DeploymentUnpinned;
import io.eyrie.api.deployment.FindDeploymentCard;
import io.eyrie.api.deployment.Lifecycle;
import io.eyrie.api.deployment.QueuedActionCancelled;
import io.eyrie.api.deployment.Release;
import io.eyrie.api.deployment.ReleaseRecorded;
import io.eyrie.api.deployment.Service;
import io.eyrie.api.monitor.MonitorChecksStopped;
import io.eyrie.api.monitor.MonitorCreated;
import io.eyrie.api.monitor.MonitorId;
import io.eyrie.api.monitor.MonitorRemoved;
import io.eyrie.api.monitor.MonitorSpec;
import io.eyrie.api.monitor.MonitorState;
import io.eyrie.api.monitor.MonitorStateChanged;
import io.eyrie.api.monitor.MonitorType;
import io.eyrie.api.project.FindGroup;
import io.eyrie.api.project.Concurrency;
import io.eyrie.api.project.GroupType;
import io.eyrie.api.project.KubernetesNames;
import io.eyrie.queryside.ReadModelServer;
import io.eyrie.queryside.group.GroupPolicies;
import io.eyrie.queryside.group.GroupProjection;
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
import static io.eyrie.api.TestIds.monitor;
import static org.assertj.core.api.Assertions.assertThat;

/** Drives the projection with events, as Axon would, against a MongoDB wire-protocol server. */
class DeploymentCardProjectionTest {
    private static final DeploymentId ID = deployment("dep-1");
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");


    private MongoTemplate mongo;
    private DeploymentCardProjection projection;
    private GroupProjection groups;

    @BeforeEach
    void emptyReadModel() {
        mongo = ReadModelServer.template("cards");
        groups = new GroupProjection(mongo);
        groups.on(groupCreated("acme", "web", GroupType.ODOO), "olivia", T0);
        projection = new DeploymentCardProjection(mongo, new GroupPolicies(mongo, groups),
                org.axonframework.queryhandling.SimpleQueryUpdateEmitter.builder().build(),
                io.eyrie.queryside.live.LiveRelay.alone());
    }

    @Test
    void createdDeploymentIsADraftReadyToRun() {
        created();

        DeploymentCard card = card();
        assertThat(card).isEqualTo(new DeploymentCard(ID.value(), "shop", "acme", "web", GroupType.ODOO, "dev",
                Lifecycle.DRAFT, DeploymentStatus.READY, null, 0, 0, null, null, false, null, null, "odoo:17", null, null, null,
                List.of("local"), List.of(new Service("odoo", "odoo:17", 1, List.of())), Map.of(), null, 1,
                KubernetesNames.deploymentNamespace("acme", "shop", ID.value()),
                List.of(Action.INITIALIZE, Action.DROP), "alice", T0, "alice", T0, null,
                Map.of(MonitorState.UNKNOWN, 0, MonitorState.OK, 0, MonitorState.WARNING, 0, MonitorState.ERROR, 0)));
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
    void aStartedActionShowsItsStatusAndJobAndOnlyCancelOrQueueingIsAllowed() {
        created();
        projection.on(started(Action.INITIALIZE, "job-1", null), "bob", at(1));

        DeploymentCard card = card();
        assertThat(card.status()).isEqualTo(DeploymentStatus.INITIALIZING);
        assertThat(card.lastJobId()).isEqualTo(job("job-1").value());
        assertThat(card.runningJobs()).isEqualTo(1);
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.DRAFT);
        assertThat(card.allowedActions()).isEqualTo(ActionRules.allowed(Lifecycle.DRAFT,
                DeploymentStatus.INITIALIZING, true, Concurrency.QUEUE)).contains(Action.CANCEL);
        assertThat(card.updatedBy()).isEqualTo("bob");
        assertThat(card.updatedAt()).isEqualTo(at(1));
        assertThat(card.createdBy()).isEqualTo("alice");
    }

    @Test
    void queuedActionsAreCountedUntilTheyStartOrAreCancelled() {
        created();
        projection.on(started(Action.INITIALIZE, "job-1", null), "bob", at(1));
        projection.on(queued("job-2", Action.DEPLOY), "bob", at(2));
        projection.on(queued("job-3", Action.DROP), "carol", at(3));
        projection.on(queued("job-3", Action.DROP), "carol", at(3));
        assertThat(card().queuedJobs()).isEqualTo(2);
        projection.on(new QueuedActionCancelled(ID, job("job-3"), Action.DROP, "cancelled by carol",
                DeploymentStatus.INITIALIZING), "carol", at(4));
        projection.on(completed(Action.INITIALIZE, "job-1", null), "system", at(5));
        projection.on(started(Action.DEPLOY, "job-2", 1), "bob", at(5));
        DeploymentCard card = card();
        assertThat(card.queuedJobs()).isZero();
        assertThat(card.runningJobs()).isEqualTo(1);
        assertThat(card.status()).isEqualTo(DeploymentStatus.DEPLOYING);
        assertThat(card.lastJobId()).isEqualTo(job("job-2").value());
    }

    @Test
    void completedActionMovesTheLifecycleAndActivatesItsRelease() {
        created();
        projection.on(started(Action.INITIALIZE, "job-1", null), "bob", at(1));
        projection.on(completed(Action.INITIALIZE, "job-1", null), "bob", at(2));
        projection.on(started(Action.DEPLOY, "job-2", 1), "bob", at(3));
        assertThat(card().activeRelease()).isNull();
        projection.on(completed(Action.DEPLOY, "job-2", 1), "bob", at(4));

        DeploymentCard card = card();
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.DEPLOY);
        assertThat(card.status()).isEqualTo(DeploymentStatus.DEPLOYED);
        assertThat(card.activeRelease()).isEqualTo(1);
        assertThat(card.runningJobs()).isZero();
        assertThat(card.allowedActions()).contains(Action.ROLLBACK, Action.RESTART, Action.REDEPLOY);
    }

    @Test
    void failedDeployKeepsTheLifecycleAndTheActiveReleaseAndRecordsTheError() {
        created();
        projection.on(started(Action.INITIALIZE, "job-1", null), "bob", at(1));
        projection.on(completed(Action.INITIALIZE, "job-1", null), "bob", at(2));
        projection.on(started(Action.DEPLOY, "job-2", 1), "carol", at(3));
        projection.on(new ActionFailed(ID, job("job-2"), Action.DEPLOY, "image pull failed",
                DeploymentStatus.DEPLOYMENT_ERROR), "carol", at(5));

        DeploymentCard card = card();
        assertThat(card.lifecycle()).isEqualTo(Lifecycle.INITIALIZE);
        assertThat(card.status()).isEqualTo(DeploymentStatus.DEPLOYMENT_ERROR);
        assertThat(card.error()).isEqualTo("image pull failed");
        assertThat(card.activeRelease()).isNull();
        assertThat(card.runningJobs()).isZero();
        assertThat(card.updatedBy()).isEqualTo("carol");
    }

    @Test
    void aCancelledDeploySaysCancellingWhileItsRestoreRunsThenCancelled() {
        created();
        projection.on(started(Action.DEPLOY, "job-2", 2), "carol", at(3));
        projection.on(new CancelRequested(ID, job("job-2"), "cancelled by carol", DeploymentStatus.CANCELLING),
                "carol", at(4));
        assertThat(card().status()).isEqualTo(DeploymentStatus.CANCELLING);
        projection.on(new ActionCancelled(ID, job("job-2"), Action.DEPLOY, "cancelled by carol",
                DeploymentStatus.CANCELLING), "carol", at(5));
        projection.on(new ActionStarted(ID, ACME_PROJECT, job("restore"), Action.DEPLOY, "odoo.deploy", "odoo:17", 1,
                true, "system", "restores release v1", DeploymentStatus.CANCELLING), "carol", at(5));
        assertThat(card().status()).isEqualTo(DeploymentStatus.CANCELLING);
        projection.on(new ActionCompleted(ID, job("restore"), Action.DEPLOY, Lifecycle.DEPLOY, 1,
                DeploymentStatus.CANCELLED, null, null), "system", at(6));

        DeploymentCard card = card();
        assertThat(card.status()).isEqualTo(DeploymentStatus.CANCELLED);
        assertThat(card.activeRelease()).isEqualTo(1);
        assertThat(card.runningJobs()).isZero();
        assertThat(card.error()).isNull();
    }

    @Test
    void aRollbackPinsTheCardUntilItIsUnpinned() {
        created();
        projection.on(new ReleaseRecorded(ID, ACME_PROJECT, new Release(3, List.of(), null, null, 1, job("job-3"),
                null)));
        assertThat(card().pinned()).isTrue();
        projection.on(new DeploymentUnpinned(ID, 3), "bob", at(2));
        assertThat(card().pinned()).isFalse();
    }

    @Test
    void handlingAnySuffixOfTheHistoryAgainChangesNothing() {
        List<Runnable> history = List.of(
                this::created,
                () -> projection.on(started(Action.INITIALIZE, "job-1", null), "bob", at(1)),
                () -> projection.on(queued("job-2", Action.DEPLOY), "carol", at(2)),
                () -> projection.on(completed(Action.INITIALIZE, "job-1", null), "bob", at(3)),
                () -> projection.on(started(Action.DEPLOY, "job-2", 1), "carol", at(4)),
                () -> projection.on(new ActionFailed(ID, job("job-2"), Action.DEPLOY, "image pull failed",
                        DeploymentStatus.DEPLOYMENT_ERROR), "carol", at(6)),
                () -> projection.on(started(Action.PAUSE, "job-3", null), "dave", at(7)));
        history.forEach(Runnable::run);
        List<Document> expected = storedCards();
        assertThat(expected).hasSize(1);

        for (int from = 0; from < history.size(); from++) {
            history.subList(from, history.size()).forEach(Runnable::run);
            assertThat(storedCards()).as("after handling events %d.. again", from).isEqualTo(expected);
        }
        assertThat(card().lifecycle()).isEqualTo(Lifecycle.INITIALIZE);
        assertThat(card().status()).isEqualTo(DeploymentStatus.PAUSING);
        assertThat(card().runningJobs()).isEqualTo(1);
    }

    @Test
    void theCardShowsTheWorstMonitorAndCountsEachStateAndTheGroupSumsThem() {
        created();
        MonitorId web = monitor("web");
        MonitorId pods = monitor("pods");
        projection.on(monitorCreated(web));
        projection.on(monitorCreated(pods));
        assertThat(card().monitorState()).isEqualTo(MonitorState.UNKNOWN);

        projection.on(new MonitorStateChanged(web, ID, MonitorState.UNKNOWN, MonitorState.OK, "status 200", "r", at(1)));
        projection.on(new MonitorStateChanged(pods, ID, MonitorState.UNKNOWN, MonitorState.WARNING, "cpu 85%", "r", at(1)));
        assertThat(card().monitorState()).isEqualTo(MonitorState.WARNING);
        projection.on(new MonitorStateChanged(web, ID, MonitorState.OK, MonitorState.ERROR, "3 failures", "r", at(2)));
        projection.on(new MonitorStateChanged(web, ID, MonitorState.OK, MonitorState.ERROR, "3 failures", "r", at(2)));
        assertThat(card().monitorState()).isEqualTo(MonitorState.ERROR);
        assertThat(card().monitors()).containsEntry(MonitorState.ERROR, 1).containsEntry(MonitorState.WARNING, 1)
                .containsEntry(MonitorState.OK, 0);
        assertThat(groups.handle(new FindGroup(ACME_PROJECT, "web")).orElseThrow().monitors())
                .containsEntry(MonitorState.ERROR, 1).containsEntry(MonitorState.WARNING, 1);
        // Who changed the deployment is not a runner's check.
        assertThat(card().updatedAt()).isEqualTo(T0);

        projection.on(new MonitorChecksStopped(pods, ID, MonitorState.WARNING, "deployment paused"));
        projection.on(new MonitorRemoved(web, ID, "web"));
        assertThat(card().monitorState()).isEqualTo(MonitorState.UNKNOWN);
        assertThat(card().monitors()).containsEntry(MonitorState.UNKNOWN, 1).containsEntry(MonitorState.ERROR, 0);
        projection.on(new MonitorRemoved(pods, ID, "pods"));
        assertThat(card().monitorState()).isNull();
    }

    private static MonitorCreated monitorCreated(MonitorId monitor) {
        return new MonitorCreated(monitor, ID, ACME_PROJECT, io.eyrie.api.TestIds.group("web"), "dev",
                new MonitorSpec(MonitorType.RESOURCE, "m", 30, 3, null, null, null, null, null, null, 80, 95, 80, 95),
                io.eyrie.api.TestEvents.target("shop", "odoo:17"), true);
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

    private static ActionStarted started(Action action, String job, Integer release) {
        return new ActionStarted(ID, ACME_PROJECT, job(job), action, "odoo." + action.bookAction().wire(), "odoo:17",
                release, false, "bob", null, DeploymentStatus.running(action));
    }

    private static ActionCompleted completed(Action action, String job, Integer release) {
        return new ActionCompleted(ID, job(job), action, action.target(), release, DeploymentStatus.succeeded(action), null, null);
    }

    private static ActionQueued queued(String job, Action action) {
        return new ActionQueued(ID, ACME_PROJECT, job(job), action, ActionInput.NONE, null, "job-1 is running",
                DeploymentStatus.INITIALIZING, null);
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
